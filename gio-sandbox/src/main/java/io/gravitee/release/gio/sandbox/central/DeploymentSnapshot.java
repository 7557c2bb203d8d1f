package io.gravitee.release.gio.sandbox.central;

import java.util.List;
import java.util.Map;

/**
 * A deployment as the emulator knows it at one moment.
 *
 * @param id             the deployment id returned by {@code upload}
 * @param name           the {@code name} of the upload (the bundle's file name when absent)
 * @param publishingType as uploaded
 * @param state          its state
 * @param dropped        true once {@code DELETE}d: the API no longer knows it
 * @param purls          the components in the bundle, e.g. {@code pkg:maven/io.gravitee/x@1.0.0}
 * @param errors         validation errors by component purl, or {@code common} for the bundle as a whole
 * @param files          the bundle's files, repository paths
 * @param bundleBytes    size of the uploaded bundle
 */
public record DeploymentSnapshot(
        String id,
        String name,
        PublishingType publishingType,
        DeploymentState state,
        boolean dropped,
        List<String> purls,
        Map<String, List<String>> errors,
        List<String> files,
        long bundleBytes) {

    public DeploymentSnapshot {
        purls = List.copyOf(purls);
        errors = Map.copyOf(errors);
        files = List.copyOf(files);
    }
}
