package io.gravitee.release.gio.ledger;

import java.io.IOException;

/**
 * A change to the ledger, expressed as a function of its current content so that it can be
 * re-applied on whatever the remote holds when a push is rejected. It must have no effect outside
 * the {@link LedgerDraft}; leaving the draft unchanged means "nothing to do" (no commit).
 */
@FunctionalInterface
public interface LedgerChange {

    void apply(LedgerDraft draft) throws IOException;
}
