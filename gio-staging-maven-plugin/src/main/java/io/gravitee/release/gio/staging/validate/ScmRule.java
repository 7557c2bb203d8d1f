package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ModuleScanner;
import java.util.Optional;
import org.w3c.dom.Element;

/** Maven Central requires an {@code <scm>} with a URL or a connection in every POM. */
public final class ScmRule extends PomRule {
    @Override
    public String id() {
        return "pom-scm";
    }

    @Override
    Optional<String> check(Element project) {
        Element scm = ModuleScanner.child(project, "scm");
        if (scm == null || (blank(scm, "url") && blank(scm, "connection"))) {
            return Optional.of("SCM URL missing: add <scm><url>..</url><connection>..</connection></scm>");
        }
        return Optional.empty();
    }
}
