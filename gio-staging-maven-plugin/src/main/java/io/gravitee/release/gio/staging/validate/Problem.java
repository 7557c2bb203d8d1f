package io.gravitee.release.gio.staging.validate;

import java.util.Objects;

/**
 * One reason the files cannot be staged.
 *
 * @param rule    the rule that found it (e.g. {@code pom-name})
 * @param where   the file or module concerned
 * @param message what is wrong and how to fix it
 */
public record Problem(String rule, String where, String message) {
    public Problem {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "[" + rule + "] " + where + ": " + message;
    }
}
