package io.gravitee.release.gio.git;

import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.transport.RemoteRefUpdate.Status;

/**
 * What the remote answered to a push, per ref. A rejection is an outcome, not an exception: the
 * caller decides whether it means "retry", "someone else holds the lease" or "stop".
 *
 * @param statuses JGit status per remote ref name
 * @param messages the remote's or JGit's reason per rejected ref (may be absent)
 */
public record PushOutcome(String remote, Map<String, Status> statuses, Map<String, String> messages) {

    public PushOutcome {
        statuses = Map.copyOf(statuses);
        messages = Map.copyOf(messages);
    }

    /** True when every ref was updated (or already was where it had to be). */
    public boolean accepted() {
        return statuses.values().stream().allMatch(s -> s == Status.OK || s == Status.UP_TO_DATE);
    }

    /** The status of one ref, {@code null} if it was not part of the push. */
    public Status status(String remoteRef) {
        return statuses.get(remoteRef);
    }

    /**
     * True when some ref was refused because the remote could not lock it: another writer is in
     * the middle of updating it, or one was killed there and left its lock behind.
     */
    public boolean lockFailed() {
        return statuses.entrySet().stream().anyMatch(e -> e.getValue() == Status.REJECTED_OTHER_REASON
                && messages.getOrDefault(e.getKey(), "").contains("lock"));
    }

    /** "ref: STATUS (reason)" for every ref that was not accepted, for messages. */
    public String describeRejections() {
        return statuses.entrySet().stream()
                .filter(e -> e.getValue() != Status.OK && e.getValue() != Status.UP_TO_DATE)
                .map(e -> e.getKey() + ": " + e.getValue()
                        + (messages.containsKey(e.getKey()) ? " (" + messages.get(e.getKey()) + ")" : ""))
                .sorted()
                .collect(Collectors.joining(", "));
    }
}
