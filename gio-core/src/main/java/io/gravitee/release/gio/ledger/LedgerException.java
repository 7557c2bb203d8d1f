package io.gravitee.release.gio.ledger;

/** The ledger could not be read, written or recovered; the message says which file, ref or commit. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
