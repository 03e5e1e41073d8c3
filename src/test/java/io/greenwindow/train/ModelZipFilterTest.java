package io.greenwindow.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.greenwindow.job.spec.ModelZips;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J Java-deserializes a model zip's {@code preprocessor.bin}; a user's zip is read with the normaliser-only
 * filter first, so that a crafted entry never instantiates a class of its choosing.
 */
class ModelZipFilterTest {

    @TempDir
    Path tmp;

    /** Counts its own deserializations: the test's proof that a refused object was never built. */
    static final class Gadget extends HashMap<String, String> implements Serializable {
        static int built;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            built++;
        }
    }

    @Test
    void refusal_zipWhosePreprocessorIsAnotherClass_isRefusedWithASentenceAndNeverBuilt() throws Exception {
        Gadget gadget = new Gadget();
        gadget.put("cmd", "touch /tmp/pwned");
        Path zip = modelZipOf(saved(tmp.resolve("a")), serialized(gadget), "evil.zip");
        Gadget.built = 0;

        assertThat(ModelZips.refusal(zip, "model.saved")).hasValue("model.saved: " + zip + " holds a preprocessor.bin"
                + " entry that is not a DL4J normaliser (refused: greenwindow deserializes no other class from a"
                + " user's file)");
        assertThatThrownBy(() -> Networks.restoreUsers(zip, true, "model.saved")).isInstanceOf(TrainingFailure.class)
                .hasMessageContaining("is not a DL4J normaliser");
        assertThat(Gadget.built).as("the gadget's readObject ran").isZero();
    }

    @Test
    void refusal_zipWithAJavaSerializedNormaliser_isAdmittedAndRestores() throws Exception {
        NormalizerStandardize normalizer = new NormalizerStandardize();
        normalizer.fit(new DataSet(Nd4j.rand(8, 4), Nd4j.rand(8, 3)));
        Path zip = modelZipOf(saved(tmp.resolve("b")), serialized(normalizer), "legacy.zip");

        assertThat(ModelZips.refusal(zip, "model.saved")).isEmpty();
        assertThat(Networks.restoreUsers(zip, true, "model.saved").numParams()).isPositive();
    }

    @Test
    void refusal_zipWithoutJavaSerializedEntries_isAdmitted() throws Exception {
        assertThat(ModelZips.refusal(saved(tmp.resolve("c")), "model.base")).isEmpty();
    }

    @Test
    void refusal_fileThatIsNoZip_saysSoWithoutQuotingIt() throws Exception {
        Path junk = Files.writeString(tmp.resolve("junk.zip"), "root:x:0:0:root:/root:/bin/bash\n");
        assertThat(ModelZips.refusal(junk, "model.base")).hasValue("model.base: " + junk + " is not a DL4J model zip");
    }

    /** A small model DL4J saved itself (a real one, from the shipped Iris example). */
    private static Path saved(Path dir) throws Exception {
        Path spec = TrainingTestSpecs.irisWithDropout(dir, "zip", 1, false, "PT30S");
        ChildResult result = new TrainRun(TrainingTestSpecs.document(spec), dir.resolve("work"), dir.resolve("models"),
                "zip", io.greenwindow.energy.PowerModel.DEFAULT).run();
        return Path.of(result.modelFile());
    }

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** A copy of {@code model} with a {@code preprocessor.bin} entry holding {@code entry}. */
    private Path modelZipOf(Path model, byte[] entry, String name) throws IOException {
        Path target = tmp.resolve(name);
        try (var in = new java.util.zip.ZipFile(model.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (var e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                in.getInputStream(e).transferTo(out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry(ModelZips.JAVA_SERIALIZED_ENTRY));
            out.write(entry);
            out.closeEntry();
        }
        return target;
    }
}
