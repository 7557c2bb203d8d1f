package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.w3c.dom.Element;

/** Maven Central requires the project description ({@code <description>}) in every POM. */
public final class PomDescriptionRule extends PomRule {
    @Override
    public String id() {
        return "pom-description";
    }

    @Override
    Optional<String> check(Element project) {
        return blank(project, "description") ? Optional.of("Project description missing: add <description> to the POM") : Optional.empty();
    }
}
