package io.gravitee.release.gio.sandbox.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a pipeline run is killed: during {@code step}, as soon as {@code condition} (read on the pipeline's peers)
 * holds. Conditions watch what the step wrote, so the kill lands inside the step's work, not before or after it.
 */
public record KillPoint(Pipeline.Step step, String description, Function<Pipeline, BooleanSupplier> condition) {

    /** During the release, once {@code component}'s release POM reached the private repository: mid-wave, mid-deploy. */
    public static KillPoint releaseWhenDeployed(String component) {
        return new KillPoint(Pipeline.Step.RELEASE, "release, right after " + component + "'s POM reached the private"
                + " repository", pipeline -> () -> pipeline.privateRepositoryHas(component));
    }

    /** During stage-all, once {@code count} staging repositories were released on the Nexus 2 emulator. */
    public static KillPoint stagingWhenReleased(int count) {
        return new KillPoint(Pipeline.Step.STAGE_ALL, "stage-all, once " + count + " staging repositories were released",
                pipeline -> () -> pipeline.releasedStagingRepositories() >= count);
    }

    /** During the upload, once {@code count} objects are in the bucket. */
    public static KillPoint uploadWhenStored(int count) {
        return new KillPoint(Pipeline.Step.UPLOAD, "upload, once " + count + " objects were in the bucket",
                pipeline -> () -> countFiles(pipeline.bucketDirectory()) >= count);
    }

    private static long countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException | UncheckedIOException e) {
            return 0; // Files come and go while the upload runs: try again on the next poll.
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
