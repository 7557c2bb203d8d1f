package io.gravitee.release.gio.staging.central;

import io.gravitee.release.gio.staging.StagingException;
import io.gravitee.release.gio.staging.backend.StagedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A Central Portal bundle: a zip of files in the Maven repository layout (never {@code maven-metadata.xml}: Central
 * writes its own). The Portal refuses bundles over its size limit, so files are grouped per Maven component (one
 * {@code groupId/artifactId/version} directory) and {@link #plan} packs whole components into bundles under the
 * limit; {@code stage-all} uses {@link #byComponent} to build one bundle per component or per product.
 *
 * @param files the files, repository paths
 */
public record CentralBundle(List<StagedFile> files) {

    /** Approximate per-entry zip overhead (headers and central directory), for size estimates. */
    private static final long ENTRY_OVERHEAD = 200;

    public CentralBundle {
        files = List.copyOf(files);
    }

    /** Uncompressed size plus zip overhead: an upper bound for stored entries, so a safe packing estimate. */
    public long estimatedBytes() {
        return files.stream().mapToLong(f -> f.size() + ENTRY_OVERHEAD + 2L * f.path().length()).sum() + 22;
    }

    /** Files grouped by Maven component directory ({@code io/gravitee/x/1.0.0}), in first-seen order. */
    public static Map<String, List<StagedFile>> byComponent(List<StagedFile> files) {
        Map<String, List<StagedFile>> groups = new LinkedHashMap<>();
        for (StagedFile file : files) {
            if (isMetadata(file.path())) {
                continue;
            }
            int slash = file.path().lastIndexOf('/');
            groups.computeIfAbsent(slash < 0 ? "" : file.path().substring(0, slash), k -> new ArrayList<>()).add(file);
        }
        return groups;
    }

    /**
     * The bundles to upload: one when everything fits under {@code maxBytes}, else whole components packed in
     * order into as few bundles as fit. A single component over the limit cannot be published: a clear error.
     */
    public static List<CentralBundle> plan(List<StagedFile> files, long maxBytes) {
        CentralBundle all = new CentralBundle(files.stream().filter(f -> !isMetadata(f.path())).toList());
        if (all.estimatedBytes() <= maxBytes) {
            return List.of(all);
        }
        List<CentralBundle> bundles = new ArrayList<>();
        List<StagedFile> current = new ArrayList<>();
        for (Map.Entry<String, List<StagedFile>> component : byComponent(files).entrySet()) {
            CentralBundle alone = new CentralBundle(component.getValue());
            if (alone.estimatedBytes() > maxBytes) {
                throw new StagingException("Maven component " + component.getKey() + " alone takes about "
                        + alone.estimatedBytes() + " bytes, over the Central Portal's bundle limit of " + maxBytes
                        + " bytes: it cannot be uploaded; make its files smaller");
            }
            List<StagedFile> candidate = new ArrayList<>(current);
            candidate.addAll(component.getValue());
            if (!current.isEmpty() && new CentralBundle(candidate).estimatedBytes() > maxBytes) {
                bundles.add(new CentralBundle(current));
                current = new ArrayList<>(component.getValue());
            } else {
                current = candidate;
            }
        }
        if (!current.isEmpty()) {
            bundles.add(new CentralBundle(current));
        }
        return bundles;
    }

    /** Writes the bundle to {@code zip}; returns its size. */
    public long write(Path zip) {
        try {
            Files.createDirectories(zip.toAbsolutePath().getParent());
            try (OutputStream raw = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(raw)) {
                for (StagedFile file : files) {
                    out.putNextEntry(new ZipEntry(file.path()));
                    Files.copy(file.file(), out);
                    out.closeEntry();
                }
            }
            return Files.size(zip);
        } catch (IOException e) {
            throw new StagingException("Cannot write the Central bundle " + zip + ": " + e.getMessage(), e);
        }
    }

    private static boolean isMetadata(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith("maven-metadata.xml");
    }
}
