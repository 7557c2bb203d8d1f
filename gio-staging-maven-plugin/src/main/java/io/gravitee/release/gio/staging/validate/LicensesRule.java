package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.apache.maven.model.Model;

/** Maven Central requires at least one license, with a name, in every POM. */
public final class LicensesRule extends PomRule {
    @Override
    public String id() {
        return "pom-licenses";
    }

    @Override
    Optional<String> check(Model model) {
        if (model.getLicenses().isEmpty()) {
            return Optional.of("License information missing: add <licenses><license><name>..</name><url>..</url>"
                    + "</license></licenses> (usually inherited from the parent POM)");
        }
        return blank(model.getLicenses().get(0).getName()) ? Optional.of("The first <license> has no <name>") : Optional.empty();
    }
}
