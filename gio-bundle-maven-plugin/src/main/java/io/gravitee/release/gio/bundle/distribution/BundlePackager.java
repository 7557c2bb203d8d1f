package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import io.gravitee.release.gio.bundle.distribution.ArtifactSource.Coordinates;
import io.gravitee.release.gio.log.Console;
import io.gravitee.release.gio.manifest.Component;
import io.gravitee.release.gio.manifest.Manifest;
import io.gravitee.release.gio.transfer.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Assembles the download tree of one product release (docs/DESIGN.md §6) from its manifest and the component zips:
 * <pre>
 * distributions/graviteeio-full-X.Y.Z.zip
 * components/&lt;component&gt;/&lt;component&gt;-&lt;version&gt;.zip
 * plugins/&lt;type&gt;/&lt;artifactId&gt;/&lt;artifactId&gt;-&lt;version&gt;.zip
 * </pre>
 * The full zip holds {@code release.json} and {@code graviteeio-full-X.Y.Z/<runtime>-X.Y.Z/...}, with every plugin zip
 * under the {@code plugins/} of the runtimes that take plugins. Every entry of every input zip is checked: one whose
 * name would escape its directory fails the packaging. The full zip is reproducible (entries keep their input
 * dates, generated entries take the newest of those) so that packaging the same release twice gives the same bytes,
 * which the release channel of the upload requires. Files are written under a temporary name and moved into place.
 */
public final class BundlePackager {

    /** What was (or, in a dry run, would be) written, as paths relative to the output directory. */
    public record Result(List<String> files, List<String> libraries) {
        public Result {
            files = List.copyOf(files);
            libraries = List.copyOf(libraries);
        }
    }

    private record Plugin(Component component, DistributionMap.PluginRule rule, Path zip) {
        String fileName() {
            return component.name() + "-" + component.version() + ".zip";
        }
    }

    private record Runtime(Component component, DistributionMap.Runtime map, Path zip) {}

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
        List<Runtime> runtimes = new ArrayList<>();
        List<Plugin> plugins = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        for (Component component : manifest.components()) {
            Optional<DistributionMap.Runtime> runtime = map.runtime(component.name());
            Optional<DistributionMap.PluginRule> plugin = map.plugin(component.name());
            if (runtime.isPresent()) {
                String[] ga = runtime.get().coordinates().split(":");
                Path zip = checked(source.resolve(new Coordinates(ga[0], ga[1], "zip", component.version().toString())), component);
                runtimes.add(new Runtime(component, runtime.get(), zip));
            } else if (plugin.isPresent()) {
                Path zip = checked(source.resolve(new Coordinates(plugin.get().groupId(), component.name(), "zip",
                        component.version().toString())), component);
                plugins.add(new Plugin(component, plugin.get(), zip));
            } else {
                libraries.add(component.name());
            }
        }
        if (runtimes.isEmpty()) {
            throw new BundleException(manifest.source() + " names none of the runtimes of the distribution map ("
                    + map.runtimes().stream().map(DistributionMap.Runtime::component).toList()
                    + "): nothing to put in " + map.product() + "-" + version + ".zip");
        }
        console.info(String.format("Packaging %s %s: %d runtime(s), %d plugin(s); %d component(s) without a zip (libraries)",
                manifest.name(), version, runtimes.size(), plugins.size(), libraries.size()));
        List<String> files = new ArrayList<>();
        for (Runtime runtime : runtimes) {
            String name = runtime.component().name();
            files.add(write(output, "components/" + name + "/" + name + "-" + runtime.component().version() + ".zip",
                    runtime.zip(), dryRun));
        }
        for (Plugin plugin : plugins) {
            files.add(write(output, "plugins/" + plugin.rule().type() + "/" + plugin.component().name() + "/" + plugin.fileName(),
                    plugin.zip(), dryRun));
        }
        String full = "distributions/" + map.product() + "-" + version + ".zip";
        files.add(full);
        if (dryRun) {
            files.forEach(f -> console.info("  would write " + output.resolve(f)));
        } else {
            Path target = output.resolve(full);
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(temp)) {
                writeFull(out, manifestFile, version, runtimes, plugins);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            console.info("Wrote " + target + " (" + Progress.bytes(Files.size(target)) + ") and " + (files.size() - 1)
                    + " component and plugin file(s) under " + output);
        }
        return new Result(files, libraries);
    }

    private Path checked(Path zip, Component component) throws BundleException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipPaths.check(e.nextElement().getName(), zip, component.name());
            }
        } catch (ZipException e) {
            throw new BundleException("The zip of " + component.name() + " " + component.version() + " (" + zip + ") is not a"
                    + " readable zip: " + e.getMessage());
        } catch (IOException e) {
            throw new BundleException("Cannot read " + zip + ": " + e.getMessage(), e);
        }
        return zip;
    }

    private static String write(Path output, String relative, Path zip, boolean dryRun) throws IOException {
        if (!dryRun) {
            Path target = output.resolve(relative);
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(zip, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return relative;
    }

    private void writeFull(OutputStream target, Path manifestFile, String version, List<Runtime> runtimes, List<Plugin> plugins)
            throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        for (Runtime runtime : runtimes) {
            try (ZipFile zip = new ZipFile(runtime.zip().toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    FileTime time = e.nextElement().getLastModifiedTime();
                    if (time != null && time.compareTo(newest) > 0) {
                        newest = time;
                    }
                }
            }
        }
        String root = map.product() + "-" + version + "/";
        Set<String> written = new HashSet<>();
        try (ZipOutputStream out = new ZipOutputStream(target)) {
            putFile(out, "release.json", Files.readAllBytes(manifestFile), newest, written);
            putDirectory(out, root, newest, written);
            for (Runtime runtime : runtimes) {
                String base = root + runtime.map().directory() + "-" + version + "/";
                putDirectory(out, base, newest, written);
                try (ZipFile zip = new ZipFile(runtime.zip().toFile())) {
                    Optional<String> top = ZipPaths.singleTopDirectory(zip);
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        ZipEntry entry = e.nextElement();
                        String inner = top.map(t -> entry.getName().substring(t.length())).orElse(entry.getName());
                        if (inner.isEmpty()) {
                            continue;
                        }
                        ZipEntry copy = new ZipEntry(base + inner);
                        copy.setLastModifiedTime(entry.getLastModifiedTime() == null ? newest : entry.getLastModifiedTime());
                        if (written.add(copy.getName())) {
                            out.putNextEntry(copy);
                            if (!entry.isDirectory()) {
                                try (InputStream in = zip.getInputStream(entry)) {
                                    in.transferTo(out);
                                }
                            }
                            out.closeEntry();
                        }
                    }
                }
                if (runtime.map().plugins()) {
                    putDirectory(out, base + "plugins/", newest, written);
                    for (Plugin plugin : plugins) {
                        putFile(out, base + "plugins/" + plugin.fileName(), Files.readAllBytes(plugin.zip()), newest, written);
                    }
                }
            }
        }
    }

    private static void putDirectory(ZipOutputStream out, String name, FileTime time, Set<String> written) throws IOException {
        if (written.add(name)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setLastModifiedTime(time);
            out.putNextEntry(entry);
            out.closeEntry();
        }
    }

    private static void putFile(ZipOutputStream out, String name, byte[] content, FileTime time, Set<String> written) throws IOException {
        if (written.add(name)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setLastModifiedTime(time);
            out.putNextEntry(entry);
            out.write(content);
            out.closeEntry();
        } else if (!name.endsWith("/")) {
            // Same name twice: the second would silently shadow the first when unpacked.
            throw new IOException("Duplicate entry " + name + " in the full distribution");
        }
    }

}
