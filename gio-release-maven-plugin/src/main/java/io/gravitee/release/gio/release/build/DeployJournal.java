package io.gravitee.release.gio.release.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a component's deploy intent is kept: what every attempt meant to deploy, written before its first upload.
 * The product release keeps it in its git ledger (so a re-run on another machine finds it); a standalone
 * {@code gio-release:component} in a file of its output directory.
 */
public interface DeployJournal {

    /** What earlier attempts recorded; empty when none did. */
    DeployRecord intended() throws IOException;

    /** Records {@code record} (earlier attempts' files and this one's) before anything is uploaded. */
    void intend(DeployRecord record) throws IOException;

    /**
     * Records that {@code deployed}, this build's files, are all in the deploy repository: the component's deployed
     * set, which staging publishes, no less, no more.
     */
    void deployed(DeployRecord deployed) throws IOException;

    /** A journal that lives as long as this object: for tests and dry runs. */
    static DeployJournal inMemory() {
        return new DeployJournal() {
            private DeployRecord record = DeployRecord.empty();

            @Override
            public synchronized DeployRecord intended() {
                return record;
            }

            @Override
            public synchronized void intend(DeployRecord next) {
                record = next;
            }

            @Override
            public void deployed(DeployRecord deployed) {
                // Nothing outlives this journal: tests read what was uploaded from the repository.
            }
        };
    }

    /** A journal in {@code file}, replaced atomically so that a crash leaves the old record or the new one. */
    static DeployJournal file(Path file) {
        return new DeployJournal() {
            @Override
            public DeployRecord intended() throws IOException {
                return Files.isRegularFile(file) ? DeployRecord.parse(Files.readString(file, StandardCharsets.UTF_8))
                        : DeployRecord.empty();
            }

            @Override
            public void intend(DeployRecord record) throws IOException {
                Files.createDirectories(file.getParent());
                Path part = file.resolveSibling(file.getFileName() + ".part");
                Files.writeString(part, record.toText(), StandardCharsets.UTF_8);
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public void deployed(DeployRecord deployed) throws IOException {
                Path done = file.resolveSibling(file.getFileName() + ".deployed");
                Files.writeString(done, deployed.toText(), StandardCharsets.UTF_8);
            }
        };
    }
}
