package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.apache.maven.model.Model;

/** Maven Central requires the project URL ({@code <url>}) in every POM. */
public final class PomUrlRule extends PomRule {
    @Override
    public String id() {
        return "pom-url";
    }

    @Override
    Optional<String> check(Model model) {
        return blank(model.getUrl()) ? Optional.of("Project URL missing: add <url> (the project's home page) to the POM") : Optional.empty();
    }
}
