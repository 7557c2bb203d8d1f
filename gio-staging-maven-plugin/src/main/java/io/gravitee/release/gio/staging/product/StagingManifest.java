package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.staging.StagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nexus-staging.json}, the orchestrated staging's manifest-format ledger (docs/DESIGN.md §3).
 *
 * <p>How it is built, precisely: the release {@code X.Y.Z} is complete (both tags exist). Start from
 * {@code release.json} at tag {@code X.Y.Z_START}, keeping its bytes' form (key order, fields). A component is
 * <em>to stage</em> when its {@code since} in {@code release.json} at tag {@code X.Y.Z} equals {@code X.Y.Z}:
 * its declared version becomes its released version (at tag {@code X.Y.Z}) plus {@code -SNAPSHOT}; every
 * other component keeps the released manifest's version without suffix. The top-level version is
 * {@code X.Y.Z-SNAPSHOT}. In the normal case this is byte for byte {@code release.json} at {@code X.Y.Z_START};
 * it differs only where the release repository was edited by hand during the release (e.g. a component pending
 * at the start but not released by it is not staged).
 *
 * <p>As each component is published it is marked released exactly as the release marks it ({@code -SNAPSHOT}
 * stripped, {@code since} = {@code X.Y.Z}); when every component is published the top-level version loses its
 * suffix too, so the finished file equals {@code release.json} at tag {@code X.Y.Z}.
 */
public final class StagingManifest {
    /** The file in the release repository. */
    public static final String FILE = "nexus-staging.json";
    /** Staging ids, attempts and errors beside it (the manifest format has no field for them). */
    public static final String LEDGER_FILE = "nexus-staging-ledger.json";

    private StagingManifest() {}

    /** Builds the initial {@code nexus-staging.json} of release {@code product}. */
    public static Manifest build(Manifest atStart, Manifest released, Version product) {
        String since = product.release().toString();
        Manifest out = atStart.withProductVersion(product.release().snapshot());
        List<String> problems = new ArrayList<>();
        for (Component component : atStart.components()) {
            Optional<Component> after = released.component(component.name());
            boolean stage = after.flatMap(Component::since).filter(since::equals).isPresent();
            if (!component.versionDeclared()) {
                if (!stage && component.pending()) {
                    problems.add(component.name() + " takes the product version but was not released by " + since);
                }
                continue;
            }
            Version version = after.map(Component::version).orElse(component.version()).release();
            if (stage) {
                out = out.withComponentVersion(component.name(), version.snapshot());
            } else if (!version.equals(component.version())) {
                out = out.withComponentVersion(component.name(), version);
            }
        }
        if (!problems.isEmpty()) {
            throw new StagingException("Cannot build " + FILE + " for " + since + " from " + atStart.source() + " and "
                    + released.source() + ":\n  - " + String.join("\n  - ", problems));
        }
        return out;
    }

    /** The components to stage in {@code staging} (pending there), in manifest order. */
    public static List<Component> toStage(Manifest staging) {
        return staging.components().stream().filter(Component::pending).toList();
    }
}
