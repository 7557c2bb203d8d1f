package io.gravitee.release.gio.staging.validate;

import java.util.Optional;
import org.apache.maven.model.Model;
import org.apache.maven.model.Scm;

/** Maven Central requires an {@code <scm>} with a URL or a connection in every POM. */
public final class ScmRule extends PomRule {
    @Override
    public String id() {
        return "pom-scm";
    }

    @Override
    Optional<String> check(Model model) {
        Scm scm = model.getScm();
        if (scm == null || (blank(scm.getUrl()) && blank(scm.getConnection()))) {
            return Optional.of("SCM URL missing: add <scm><url>..</url><connection>..</connection></scm>");
        }
        return Optional.empty();
    }
}
