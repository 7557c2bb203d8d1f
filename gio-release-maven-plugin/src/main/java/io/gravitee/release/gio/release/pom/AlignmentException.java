package io.gravitee.release.gio.release.pom;

import java.util.List;

/** A component still depends on io.gravitee snapshots nobody released: it must not be built. */
public final class AlignmentException extends Exception {
    private final List<String> problems;

    public AlignmentException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per snapshot, each naming the dependency and the POM file and line where its version is written. */
    public List<String> problems() {
        return problems;
    }
}
