package io.gravitee.release.gio.release.executor;

import io.gravitee.release.gio.release.build.DeployRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a component job on a CI worker hands its deploy record to the orchestrator, which alone writes the ledger: the
 * job prints each record (the intent before its first upload, the deployed set after its last) as one line of its
 * log, and the orchestrator, which copies the log, records them. Base64 keeps a record one line in any CI log.
 */
public final class JobOutput {
    static final String INTENT = "[gio] deploy.intent ";
    static final String DEPLOYED = "[gio] deploy.files ";

    private JobOutput() {}

    public static String intentLine(DeployRecord record) {
        return INTENT + encode(record);
    }

    public static String deployedLine(DeployRecord record) {
        return DEPLOYED + encode(record);
    }

    public static String encode(DeployRecord record) {
        return Base64.getEncoder().encodeToString(record.toText().getBytes(StandardCharsets.UTF_8));
    }

    public static DeployRecord decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            return DeployRecord.empty();
        }
        return DeployRecord.parse(new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8));
    }

    /** Every intent the log's runs printed, together: a run re-made after a crash printed its own. */
    public static DeployRecord intents(String log) {
        DeployRecord all = DeployRecord.empty();
        for (String line : log.split("\n")) {
            int at = line.indexOf(INTENT);
            if (at >= 0) {
                all = all.union(decode(line.substring(at + INTENT.length())));
            }
        }
        return all;
    }

    /** The deployed set the last run printed, if one got that far. */
    public static Optional<DeployRecord> deployed(String log) {
        Optional<DeployRecord> last = Optional.empty();
        for (String line : log.split("\n")) {
            int at = line.indexOf(DEPLOYED);
            if (at >= 0) {
                last = Optional.of(decode(line.substring(at + DEPLOYED.length())));
            }
        }
        return last;
    }
}
