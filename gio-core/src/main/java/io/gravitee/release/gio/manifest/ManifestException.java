package io.gravitee.release.gio.manifest;

import java.util.List;
import java.util.stream.Collectors;

/** A manifest that cannot be used, with every problem found in it. */
public class ManifestException extends Exception {
    private final String source;
    private final List<ManifestProblem> problems;

    public ManifestException(String source, List<ManifestProblem> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public ManifestException(String source, ManifestProblem problem) {
        this(source, List.of(problem));
    }

    public String source() {
        return source;
    }

    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<ManifestProblem> problems) {
        if (problems.size() == 1) {
            return "Invalid manifest " + source + " at " + problems.get(0);
        }
        return "Invalid manifest " + source + ", " + problems.size() + " problems:"
                + problems.stream().map(p -> "\n  - " + p).collect(Collectors.joining());
    }
}
