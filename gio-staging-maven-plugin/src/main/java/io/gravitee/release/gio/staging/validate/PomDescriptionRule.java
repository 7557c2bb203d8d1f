package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.apache.maven.model.Model;

/** Maven Central requires the project description ({@code <description>}) in every POM. */
public final class PomDescriptionRule extends PomRule {
    @Override
    public String id() {
        return "pom-description";
    }

    @Override
    Optional<String> check(Model model) {
        return blank(model.getDescription()) ? Optional.of("Project description missing: add <description> to the POM") : Optional.empty();
    }
}
