package io.gravitee.release.gio.bundle.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes the zips made of distribution directories: the full distribution (every runtime directory under
 * {@code <product>-X.Y.Z/}, {@code release.json} at the root) and the zip of a single directory (a runtime, or a
 * bundle such as {@code graviteeio-policies-X.Y.Z}). Entries keep the dates of the input zips and generated entries
 * take {@code time}, so that the same inputs give the same bytes. Written under a temporary name, then moved.
 */
final class DistributionZips {

    /** A plugin zip as it is placed in a directory. */
    record PluginFile(String fileName, Path zip) {}

    /**
     * One directory of the distribution: a runtime zip unpacked (its single top directory {@code top} stripped) with
     * plugins under {@code plugins/}, or plugin zips alone (a bundle: no zip, plugins at its root).
     */
    record Directory(String name, Path runtimeZip, Optional<String> top, String pluginsPath, List<PluginFile> plugins,
            List<String> emptyDirectories) {}

    private final FileTime time;
    private final List<Pattern> executables;

    DistributionZips(FileTime time, List<String> executables) {
        this.time = time;
        this.executables = executables.stream().map(Pattern::compile).toList();
    }

    /** The newest entry date of the runtime zips: the date of the entries generated from them. */
    static FileTime newest(List<Path> zips) throws IOException {
        FileTime newest = FileTime.fromMillis(0);
        for (Path path : zips) {
            try (ZipFile zip = new ZipFile(path.toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    FileTime entry = e.nextElement().getLastModifiedTime();
                    if (entry != null && entry.compareTo(newest) > 0) {
                        newest = entry;
                    }
                }
            }
        }
        return newest;
    }

    /** Writes {@code target} holding {@code root} (e.g. {@code graviteeio-full-X.Y.Z/}, or "") and the directories under it. */
    void write(Path target, byte[] releaseJson, String root, List<Directory> directories) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        Set<String> executable = new HashSet<>();
        try {
            try (OutputStream file = Files.newOutputStream(temp); ZipOutputStream out = new ZipOutputStream(file)) {
                Set<String> written = new HashSet<>();
                if (releaseJson != null) {
                    putFile(out, "release.json", releaseJson, written);
                }
                if (!root.isEmpty()) {
                    putDirectory(out, root, written);
                }
                for (Directory directory : directories) {
                    writeDirectory(out, root + directory.name() + "/", directory, written, executable);
                }
            }
            if (!executables.isEmpty()) {
                UnixModes.apply(temp, executable);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeDirectory(ZipOutputStream out, String base, Directory directory, Set<String> written, Set<String> executable)
            throws IOException {
        putDirectory(out, base, written);
        if (directory.runtimeZip() != null) {
            try (ZipFile zip = new ZipFile(directory.runtimeZip().toFile())) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    String inner = directory.top().map(t -> entry.getName().substring(t.length())).orElse(entry.getName());
                    if (inner.isEmpty()) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(base + inner);
                    copy.setLastModifiedTime(entry.getLastModifiedTime() == null ? time : entry.getLastModifiedTime());
                    if (written.add(copy.getName())) {
                        out.putNextEntry(copy);
                        if (!entry.isDirectory()) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                in.transferTo(out);
                            }
                            if (executables.stream().anyMatch(p -> p.matcher(inner).matches())) {
                                executable.add(copy.getName());
                            }
                        }
                        out.closeEntry();
                    }
                }
            }
        }
        if (!directory.plugins().isEmpty() || !directory.pluginsPath().isEmpty()) {
            putDirectory(out, base + directory.pluginsPath(), written);
            for (PluginFile plugin : directory.plugins()) {
                putFile(out, base + directory.pluginsPath() + plugin.fileName(), Files.readAllBytes(plugin.zip()), written);
            }
        }
        for (String empty : directory.emptyDirectories()) {
            String path = base;
            for (String segment : empty.split("/")) {
                path += segment + "/";
                putDirectory(out, path, written);
            }
        }
    }

    private void putDirectory(ZipOutputStream out, String name, Set<String> written) throws IOException {
        if (!name.isEmpty() && written.add(name)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setLastModifiedTime(time);
            out.putNextEntry(entry);
            out.closeEntry();
        }
    }

    private void putFile(ZipOutputStream out, String name, byte[] content, Set<String> written) throws IOException {
        if (written.add(name)) {
            ZipEntry entry = new ZipEntry(name);
            entry.setLastModifiedTime(time);
            out.putNextEntry(entry);
            out.write(content);
            out.closeEntry();
        } else {
            // Same name twice: the second would silently shadow the first when unpacked.
            throw new IOException("Duplicate entry " + name + " in the distribution");
        }
    }
}
