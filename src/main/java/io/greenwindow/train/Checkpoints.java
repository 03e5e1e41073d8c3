package io.greenwindow.train;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The last good checkpoint of a job in one folder. Written as temp file, fsync, atomic rename, fsync of the
 * folder: a crash mid-write leaves the previous checkpoint whole, never a torn one.
 */
final class Checkpoints {

    static final String FILE = "checkpoint.zip";
    private static final String STATE_KEY = "greenwindow-state";

    private final Path dir;

    Checkpoints(Path dir) {
        this.dir = dir;
    }

    Path file() {
        return dir.resolve(FILE);
    }

    void write(Model net, CheckpointState state) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Networks.write(net, tmp.toFile());
        ModelSerializer.addObjectToFile(tmp.toFile(), STATE_KEY, state.toLine());
        publish(tmp, file());
    }

    /** The last good checkpoint, or empty when the job has none yet. */
    Optional<Restored> read() {
        Path file = file();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Model net = Networks.restore(file, true);
        String line = ModelSerializer.getObjectFromFile(file.toFile(), STATE_KEY);
        return Optional.of(new Restored(net, CheckpointState.fromLine(line)));
    }

    /** Moves a fully written temp file into place so readers see the old file or the new one, never half. */
    static void publish(Path tmp, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a folder for fsync; the rename is still atomic there.
        }
    }

    record Restored(Model net, CheckpointState state) {
    }
}
