package io.gravitee.release.gio.ledger;

import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What {@link Ledger#update} did.
 *
 * @param commit the pushed commit, empty when the change turned out to be a no-op
 * @param attempts how many times the change was applied (1 + rejected pushes)
 * @param transitions the component moves the commit records
 */
public record UpdateResult(Optional<ObjectId> commit, int attempts, List<Transition> transitions) {

    public UpdateResult {
        transitions = List.copyOf(transitions);
    }

    public boolean changed() {
        return commit.isPresent();
    }
}
