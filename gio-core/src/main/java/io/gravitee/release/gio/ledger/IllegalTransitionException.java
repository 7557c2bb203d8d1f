package io.gravitee.release.gio.ledger;

/** A component was asked to move to a state its state machine does not allow from where it is. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(Lifecycle lifecycle, String component, ComponentState from, ComponentState to) {
        super("Illegal " + lifecycle.label() + " transition for component '" + component + "': " + from + " -> " + to
                + " (from " + from + " it may only go to " + (from.next().isEmpty() ? "nothing, it is final" : from.next())
                + ")");
    }
}
