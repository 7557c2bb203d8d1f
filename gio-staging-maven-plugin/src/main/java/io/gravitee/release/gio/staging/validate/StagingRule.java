package io.gravitee.release.gio.staging.validate;

import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import java.util.List;

/**
 * One of Maven Central's requirements, checked on the resolved files before anything is written
 * anywhere. A rule reports every problem it finds, never only the first.
 */
public interface StagingRule {

    /** Short id used in reports, e.g. {@code pom-licenses}. */
    String id();

    List<Problem> check(ResolvedComponent component);
}
