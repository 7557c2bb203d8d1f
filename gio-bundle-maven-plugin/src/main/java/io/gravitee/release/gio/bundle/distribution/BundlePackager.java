package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.distribution.DistributionZips.Directory;
import io.gravitee.release.gio.bundle.distribution.DistributionZips.PluginFile;
import io.gravitee.release.gio.bundle.distribution.ReleaseContents.PluginArtifact;
import io.gravitee.release.gio.bundle.distribution.ReleaseContents.RuntimePart;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Assembles the download tree of one product release (docs/DESIGN.md §6) from its manifest and the component zips:
 * <pre>
 * distributions/graviteeio-full-X.Y.Z.zip          (and the map's bundles, and directory zips when asked)
 * components/&lt;runtime&gt;/&lt;runtime&gt;-&lt;version&gt;.zip
 * plugins/&lt;type&gt;/&lt;artifactId&gt;/&lt;artifactId&gt;-&lt;version&gt;.zip   (or the plugin POM's publish-folder-path)
 * </pre>
 * The full zip holds {@code release.json} and {@code graviteeio-full-X.Y.Z/<runtime>-X.Y.Z/...}, with the plugin zips
 * each runtime takes under its {@code plugins/}. Everything is resolved and checked before the first write: a missing
 * zip, a checksum mismatch, or an entry of any input zip whose name would escape its directory fails the packaging with
 * nothing written. The zips written are reproducible (see {@link DistributionZips}), which the release channel of the
 * upload requires. Files are written under a temporary name and moved into place.
 */
public final class BundlePackager {

    /** What was (or, in a dry run, would be) written, as paths relative to the output directory. */
    public record Result(List<String> files, List<String> libraries) {
        public Result {
            files = List.copyOf(files);
            libraries = List.copyOf(libraries);
        }
    }

    private record ResolvedRuntime(RuntimePart part, Path zip, String directory, Optional<String> top) {}

    private record ResolvedPlugin(PluginArtifact artifact, Path zip, String folder) {
        String path() {
            return folder + "/" + artifact.fileName();
        }
    }

    private final ArtifactSource source;
    private final DistributionMap map;
    private final Console console;

    public BundlePackager(ArtifactSource source, DistributionMap map, Console console) {
        this.source = source;
        this.map = map;
        this.console = console;
    }

    /**
     * @param manifestFile the {@code release.json} of the release, copied into the full zip
     * @param output the directory to write the tree into (e.g. {@code target/gio-bundle})
     * @param dryRun resolve and check everything, write nothing
     */
    public Result assemble(Manifest manifest, Path manifestFile, Path output, boolean dryRun) throws BundleException, IOException {
        String version = manifest.version().toString();
        ReleaseContents contents = ReleaseContents.of(manifest, map);
        if (contents.runtimes().isEmpty()) {
            throw new BundleException(manifest.source() + " names none of the runtimes of the distribution map ("
                    + map.runtimes().stream().map(r -> r.candidates().toString()).toList()
                    + "): nothing to put in " + map.product() + "-" + version + ".zip");
        }
        List<ResolvedRuntime> runtimes = new ArrayList<>();
        for (RuntimePart part : contents.runtimes()) {
            Path zip = checked(source.resolve(part.zip()), part.component().name());
            runtimes.add(runtime(part, zip, version));
        }
        PublishFolders folders = new PublishFolders(source, map.site(), console);
        List<ResolvedPlugin> plugins = new ArrayList<>();
        for (PluginArtifact artifact : contents.plugins()) {
            Path zip = checked(source.resolve(artifact.zip()), artifact.component().name());
            plugins.add(new ResolvedPlugin(artifact, zip, folders.directory(artifact)));
        }
        console.info(String.format("Packaging %s %s: %d runtime(s), %d plugin zip(s); %d component(s) without a zip (libraries)",
                manifest.name(), version, runtimes.size(), plugins.size(), contents.libraries().size()));

        Map<String, Path> copies = new LinkedHashMap<>();
        for (ResolvedRuntime runtime : runtimes) {
            String name = runtime.part().publishedName();
            unique(copies, "components/" + name + "/" + name + "-" + runtime.part().component().version() + ".zip", runtime.zip());
        }
        for (ResolvedPlugin plugin : plugins) {
            unique(copies, plugin.path(), plugin.zip());
        }
        Map<String, List<Directory>> zips = new LinkedHashMap<>();
        List<Directory> directories = runtimes.stream().map(r -> directory(r, plugins)).toList();
        String full = "distributions/" + map.product() + "-" + version + ".zip";
        zips.put(full, directories);
        for (DistributionMap.Bundle bundle : map.bundles()) {
            String name = map.renamed(bundle.directory() + "-" + version);
            List<PluginFile> files = plugins.stream().filter(p -> bundle.types().contains(p.artifact().type()))
                    .map(p -> new PluginFile(p.artifact().fileName(), p.zip())).toList();
            zips.put("distributions/" + name + ".zip", List.of(new Directory(name, null, Optional.empty(), "", files, List.of())));
        }
        if (map.directoryZips()) {
            directories.forEach(d -> zips.put("distributions/" + d.name() + ".zip", List.of(d)));
        }
        List<String> files = new ArrayList<>(copies.keySet());
        for (String zip : zips.keySet()) {
            if (files.contains(zip)) {
                throw new BundleException("The distribution map writes " + zip + " twice: give its runtimes distinct names");
            }
            files.add(zip);
        }
        if (dryRun) {
            files.forEach(f -> console.info("  would write " + output.resolve(f)));
            return new Result(files, contents.libraries());
        }
        for (Map.Entry<String, Path> copy : copies.entrySet()) {
            write(output.resolve(copy.getKey()), copy.getValue());
        }
        FileTime time = DistributionZips.newest(runtimes.stream().map(ResolvedRuntime::zip).toList());
        DistributionZips writer = new DistributionZips(time, map.executables());
        byte[] release = Files.readAllBytes(manifestFile);
        for (Map.Entry<String, List<Directory>> zip : zips.entrySet()) {
            boolean isFull = zip.getKey().equals(full);
            writer.write(output.resolve(zip.getKey()), isFull ? release : null,
                    isFull ? map.product() + "-" + version + "/" : "", zip.getValue());
        }
        console.info("Wrote " + output.resolve(full) + " (" + Progress.bytes(Files.size(output.resolve(full))) + ") and "
                + (files.size() - 1) + " other file(s) under " + output);
        return new Result(files, contents.libraries());
    }

    private ResolvedRuntime runtime(RuntimePart part, Path zip, String version) throws BundleException, IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Optional<String> top = ZipPaths.singleTopDirectory(file);
            if (part.map().directory() != null) {
                return new ResolvedRuntime(part, zip, part.map().directory() + "-" + version, top);
            }
            if (top.isEmpty()) {
                throw new BundleException("The zip of " + part.component().name() + " (" + zip + ", " + part.map().coordinates()
                        + ") has no single top directory to name its distribution directory after: give its runtime a"
                        + " \"directory\" in the distribution map");
            }
            // As Gravitee's script: the directory the zip unpacks to, renamed (gravitee-gateway-standalone-X -> graviteeio-gateway-X).
            String renamed = map.renamed(top.get().substring(0, top.get().length() - 1));
            try {
                ZipPaths.check(renamed + "/", zip, part.component().name());
            } catch (BundleException e) {
                throw new BundleException("The renames of the distribution map make '" + renamed + "' of " + top.get() + ": " + e.getMessage());
            }
            return new ResolvedRuntime(part, zip, renamed, top);
        }
    }

    private static Directory directory(ResolvedRuntime runtime, List<ResolvedPlugin> plugins) {
        DistributionMap.Runtime map = runtime.part().map();
        List<PluginFile> files = plugins.stream()
                .filter(p -> map.takes(p.artifact().type(), p.artifact().artifactId()))
                .map(p -> new PluginFile(p.artifact().fileName(), p.zip())).toList();
        return new Directory(runtime.directory(), runtime.zip(), runtime.top(), map.plugins() ? "plugins/" : "", files,
                map.emptyDirectories());
    }

    private static void unique(Map<String, Path> copies, String path, Path zip) throws BundleException {
        if (copies.putIfAbsent(path, zip) != null) {
            throw new BundleException("Two components of the release are published as " + path + ": give them distinct names or"
                    + " artifacts in the distribution map");
        }
    }

    private Path checked(Path zip, String component) throws BundleException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipPaths.check(e.nextElement().getName(), zip, component);
            }
        } catch (ZipException e) {
            throw new BundleException("The zip of " + component + " (" + zip + ") is not a readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw new BundleException("Cannot read " + zip + ": " + e.getMessage(), e);
        }
        return zip;
    }

    private static void write(Path target, Path zip) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        Files.copy(zip, temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
