package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.apache.maven.model.Model;

/** Maven Central requires the project name ({@code <name>}) in every POM. */
public final class PomNameRule extends PomRule {
    @Override
    public String id() {
        return "pom-name";
    }

    @Override
    Optional<String> check(Model model) {
        return blank(model.getName()) ? Optional.of("Project name missing: add <name> to the POM (Maven does not"
                + " inherit it from a parent)") : Optional.empty();
    }

    @Override
    boolean inherited() {
        return false;
    }
}
