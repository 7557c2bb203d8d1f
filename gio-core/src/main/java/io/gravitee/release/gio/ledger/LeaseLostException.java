package io.gravitee.release.gio.ledger;

/**
 * This process's lease was taken over (it was thought dead): it must stop writing. Its ledger
 * push was rejected and nothing it was doing was recorded.
 */
public class LeaseLostException extends LedgerException {

    public LeaseLostException(String message) {
        super(message);
    }
}
