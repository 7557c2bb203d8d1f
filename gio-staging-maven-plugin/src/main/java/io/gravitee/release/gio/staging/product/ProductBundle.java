package io.gravitee.release.gio.staging.product;

import io.gravitee.release.gio.manifest.Version;
import io.gravitee.release.gio.staging.resolve.ArtifactFile;
import io.gravitee.release.gio.staging.model.EffectivePom;
import io.gravitee.release.gio.staging.resolve.AttachedFileDiscovery;
import io.gravitee.release.gio.staging.resolve.ReleasedModule;
import io.gravitee.release.gio.staging.resolve.ResolvedComponent;
import io.gravitee.release.gio.staging.resolve.ResolvedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole product as one staging unit ({@code -Dgio.staging.atomic=product}): every file of every component,
 * under a root that names the product, so that the backend opens one area marked
 * {@code gio:<groupId>:product-<name>:<version>} (one Nexus staging repository, later one Central deployment).
 */
final class ProductBundle {
    private ProductBundle() {}

    static ResolvedComponent merge(String productName, List<ResolvedComponent> components, Version product,
            Path directory) {
        ReleasedModule first = components.get(0).root();
        ReleasedModule root = new ReleasedModule(first.groupId(), artifactId(productName), product.toString(), "pom",
                StagingManifest.FILE);
        List<ReleasedModule> modules = new ArrayList<>(List.of(root));
        List<ResolvedFile> files = new ArrayList<>();
        List<ArtifactFile> missing = new ArrayList<>();
        Map<String, AttachedFileDiscovery.Method> discovery = new LinkedHashMap<>();
        Map<String, EffectivePom> models = new LinkedHashMap<>();
        for (ResolvedComponent c : components) {
            modules.addAll(c.modules());
            files.addAll(c.files());
            missing.addAll(c.missing());
            discovery.putAll(c.discovery());
            models.putAll(c.models());
        }
        return new ResolvedComponent(product.toString(), modules, files, missing, discovery, directory, models);
    }

    /** {@code Gravitee.io} → {@code product-gravitee-io}. */
    static String artifactId(String productName) {
        String slug = productName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return "product-" + (slug.isEmpty() ? "unnamed" : slug);
    }

    /** Files uploaded for a component: each file and its signature, each with .sha1 and .md5. */
    static int fileCount(ResolvedComponent c) {
        return c.files().stream().mapToInt(f -> f.signature() == null ? 3 : 6).sum();
    }

    static long byteCount(ResolvedComponent c) {
        return c.totalBytes();
    }
}
