package io.gravitee.release.gio.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where files live in the bucket: every key is {@code prefix/relative/path}, with the checksum files beside
 * each file and an {@code index.html} per directory. Keys are validated here, in one place, so that nothing
 * can be written outside the prefix.
 *
 * @param prefix the key prefix without leading or trailing slash; empty for the bucket root
 */
public record BucketLayout(String prefix) {

    /** Name of the generated listing page in every directory. */
    public static final String INDEX = "index.html";

    /** Checksum files written beside each file, in coreutils format, with the tool that verifies them. */
    public enum Sidecar {
        SHA1(".sha1"),
        MD5(".md5"),
        SHA512(".sha512sum");

        private final String suffix;

        Sidecar(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }

        /** Column label in index pages. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public BucketLayout {
        prefix = normalizePrefix(prefix);
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty()) {
            checkPath(p, "prefix '" + prefix + "' (gio.bundle.prefix)");
        }
        return p;
    }

    /**
     * Rejects paths that could escape the prefix or alias another key: {@code ..} or {@code .} segments, empty
     * segments, backslashes, control characters.
     */
    public static void checkPath(String path, String what) {
        if (path.isEmpty() || path.startsWith("/")) {
            throw new IllegalArgumentException(what + " must be a relative path");
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(what + " contains a backslash: use '/' between directories");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException(what + " contains a control character");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException(what + " contains a '" + segment
                        + "' segment: keys must stay under the prefix; remove it");
            }
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(what + " contains an empty segment ('//')");
            }
        }
    }

    /** The key of a path relative to the prefix, checked. */
    public String key(String relativePath) {
        checkPath(relativePath, "path '" + relativePath + "'");
        return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
    }

    /** What {@link #list} should be given to see everything under the prefix. */
    public String listPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The path of a key relative to the prefix, or empty if the key is outside it. */
    public Optional<String> relative(String key) {
        String base = listPrefix();
        return key.startsWith(base) && key.length() > base.length() ? Optional.of(key.substring(base.length())) : Optional.empty();
    }

    /** The key of the index page of a directory ("" for the prefix itself). */
    public String indexKey(String directory) {
        return key(directory.isEmpty() ? INDEX : directory + "/" + INDEX);
    }

    /** The directory of a relative path: "" at the top. */
    public static String directoryOf(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    /** The directory of a relative path and every directory above it, deepest first, ending with "" (the prefix). */
    public static List<String> directoriesOf(String relativePath) {
        List<String> directories = new ArrayList<>();
        String directory = relativePath;
        do {
            directory = directoryOf(directory);
            directories.add(directory);
        } while (!directory.isEmpty());
        return directories;
    }

    /** The last segment of a path. */
    public static String nameOf(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }

    /** The checksum files of a file, as relative paths. */
    public static List<String> sidecarsOf(String relativePath) {
        return List.of(
                relativePath + Sidecar.SHA1.suffix(), relativePath + Sidecar.MD5.suffix(), relativePath + Sidecar.SHA512.suffix());
    }

    /** If {@code relativePath} names a checksum file, the path of the file it describes. */
    public static Optional<String> sidecarTarget(String relativePath) {
        for (Sidecar sidecar : Sidecar.values()) {
            if (relativePath.endsWith(sidecar.suffix()) && relativePath.length() > sidecar.suffix().length()) {
                return Optional.of(relativePath.substring(0, relativePath.length() - sidecar.suffix().length()));
            }
        }
        return Optional.empty();
    }

    public static boolean isIndex(String relativePath) {
        return nameOf(relativePath).equals(INDEX);
    }
}
