package io.greenwindow.job.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Guards the one place where DL4J Java-deserializes bytes of a model zip: its legacy {@code preprocessor.bin}
 * entry ({@code ModelSerializer.restoreMultiLayerNetwork} calls {@code ObjectInputStream.readObject} on it). A
 * user's zip is read here first with {@link #FILTER}, which admits only ND4J's normalizer classes and the arrays
 * they hold, and refused otherwise; the training JVM installs the same filter for the whole process.
 */
public final class ModelZips {

    /** The entry DL4J reads with {@code ObjectInputStream} (the name is DL4J's constant PREPROCESSOR_BIN). */
    public static final String JAVA_SERIALIZED_ENTRY = "preprocessor.bin";

    private static final Set<String> ALLOWED_PREFIXES = Set.of(
            "org.nd4j.linalg.dataset.api.preprocessor.",  // normalizers, their strategies and statistics
            "org.nd4j.linalg.dataset.api.DataSetPreProcessor",
            "org.nd4j.linalg.api.ndarray.BaseNDArray",     // the statistics' arrays
            "org.nd4j.linalg.cpu.nativecpu.NDArray",
            "org.nd4j.linalg.jcublas.JCublasNDArray",
            "org.nd4j.linalg.api.buffer.DataType",
            "org.nd4j.linalg.api.buffer.DataTypeEx");
    private static final Set<String> ALLOWED_JDK = Set.of("java.lang.Enum", "java.lang.Number", "java.lang.Integer",
            "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Boolean", "java.lang.String");

    /** Admits ND4J normalizers, their arrays and boxed numbers, within size limits; rejects every other class. */
    public static final ObjectInputFilter FILTER = info -> {
        if (info.depth() > 20 || info.references() > 100_000 || info.streamBytes() > 256L << 20
                || info.arrayLength() > 100_000_000L) {
            return ObjectInputFilter.Status.REJECTED;
        }
        Class<?> type = info.serialClass();
        if (type == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (type.isArray()) {
            type = type.getComponentType();
        }
        return type.isPrimitive() || allowed(type.getName()) ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    };

    private ModelZips() {
    }

    static boolean allowed(String className) {
        return ALLOWED_JDK.contains(className) || ALLOWED_PREFIXES.stream().anyMatch(className::startsWith);
    }

    /** Why the zip must not be restored (a sentence naming {@code field}), or empty when it may be. */
    public static Optional<String> refusal(Path zip, String field) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(JAVA_SERIALIZED_ENTRY);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry); ObjectInputStream objects = new ObjectInputStream(in)) {
                objects.setObjectInputFilter(FILTER);
                objects.readObject();
                return Optional.empty();
            } catch (InvalidClassException | ClassNotFoundException refused) {
                return Optional.of(field + ": " + zip + " holds a " + JAVA_SERIALIZED_ENTRY + " entry that is not a "
                        + "DL4J normaliser (refused: greenwindow deserializes no other class from a user's file)");
            } catch (IOException | RuntimeException unreadable) {
                return Optional.of(field + ": " + zip + " has a " + JAVA_SERIALIZED_ENTRY
                        + " entry that cannot be read as a DL4J normaliser");
            }
        } catch (ZipException e) {
            return Optional.of(field + ": " + zip + " is not a DL4J model zip");
        } catch (IOException e) {
            return Optional.of(field + ": " + zip + " cannot be read");
        }
    }

    /** True when the zip may be restored; otherwise adds the refusal as a problem. */
    static boolean admits(Path zip, String field, SpecFields fields) {
        Optional<String> refusal = refusal(zip, field);
        refusal.ifPresent(r -> fields.problem(field, r.substring(field.length() + 2)));
        return refusal.isEmpty();
    }
}
