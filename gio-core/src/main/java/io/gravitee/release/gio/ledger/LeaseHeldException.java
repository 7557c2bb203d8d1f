package io.gravitee.release.gio.ledger;

/** Another orchestration holds a live lease: this one must not proceed. */
public class LeaseHeldException extends LedgerException {

    private final LeaseRecord holder;

    public LeaseHeldException(String releaseId, LeaseRecord holder) {
        super(releaseId + " is already being orchestrated by " + holder.describe() + ", started at "
                + holder.startedAt() + ", lease last renewed at " + holder.renewedAt() + " (expires at "
                + holder.expiresAt() + " unless renewed). Wait for it to finish; if that process is dead, re-run after "
                + holder.expiresAt() + " or now with -Dgio.lock.force=true.");
        this.holder = holder;
    }

    public LeaseRecord holder() {
        return holder;
    }
}
