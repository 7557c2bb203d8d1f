package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ModuleScanner;
import java.util.Optional;
import org.w3c.dom.Element;

/** Maven Central requires at least one license, with a name, in every POM. */
public final class LicensesRule extends PomRule {
    @Override
    public String id() {
        return "pom-licenses";
    }

    @Override
    Optional<String> check(Element project) {
        if (!hasItem(project, "licenses", "license")) {
            return Optional.of("License information missing: add <licenses><license><name>..</name><url>..</url>"
                    + "</license></licenses> (usually inherited from the parent POM)");
        }
        Element license = ModuleScanner.child(ModuleScanner.child(project, "licenses"), "license");
        return blank(license, "name") ? Optional.of("The first <license> has no <name>") : Optional.empty();
    }
}
