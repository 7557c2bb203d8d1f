package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.apache.maven.model.Model;

/** Maven Central requires at least one developer in every POM. */
public final class DevelopersRule extends PomRule {
    @Override
    public String id() {
        return "pom-developers";
    }

    @Override
    Optional<String> check(Model model) {
        return !model.getDevelopers().isEmpty() ? Optional.empty()
                : Optional.of("Developer information missing: add <developers><developer>..</developer></developers>");
    }
}
