package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.w3c.dom.Element;

/** Maven Central requires the project name ({@code <name>}) in every POM. */
public final class PomNameRule extends PomRule {
    @Override
    public String id() {
        return "pom-name";
    }

    @Override
    Optional<String> check(Element project) {
        return blank(project, "name") ? Optional.of("Project name missing: add <name> to the POM") : Optional.empty();
    }
}
