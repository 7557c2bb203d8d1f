package io.gravitee.release.gio.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The required parameters of a goal, checked by gio rather than by Maven: Maven's own message names the Java field
 * ({@code 'sourceRepository'}), a user types the property ({@code -Dgio.staging.sourceRepository}). Every missing one
 * is named at once, each with what it is and a line to copy.
 */
public final class Required {
    private final String goal;
    private final List<String> missing = new ArrayList<>();

    private Required(String goal) {
        this.goal = goal;
    }

    /** @param goal with its prefix, e.g. {@code gio-bundle:upload} */
    public static Required of(String goal) {
        return new Required(goal);
    }

    /**
     * @param value    the parameter's value (null or blank: missing)
     * @param property its property, e.g. {@code gio.bundle.bucket}
     * @param what     what it is, e.g. "the bucket serving the download site"
     * @param example  a value to show, e.g. {@code downloads}
     */
    public Required check(Object value, String property, String what, String example) {
        if (value == null || value.toString().isBlank()) {
            missing.add("-D" + property + ": " + what + ", e.g. -D" + property + "=" + example);
        }
        return this;
    }

    /** Fails naming every missing parameter; returns when none is. */
    public void verify() throws MojoFailureException {
        if (!missing.isEmpty()) {
            throw new MojoFailureException(goal + " needs " + (missing.size() == 1 ? "a parameter" : missing.size()
                    + " parameters") + " that " + (missing.size() == 1 ? "is" : "are") + " not set (on the command line, or"
                    + " as <properties> of the POM):\n  " + String.join("\n  ", missing));
        }
    }
}
