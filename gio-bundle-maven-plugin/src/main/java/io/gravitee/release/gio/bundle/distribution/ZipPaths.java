package io.gravitee.release.gio.bundle.distribution;

import io.gravitee.release.gio.bundle.BundleException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Zip entry names: what makes one unsafe to unpack ("zip slip"), and the common top directory of a zip. */
final class ZipPaths {

    private ZipPaths() {}

    /**
     * Fails when unpacking {@code name} would write outside the directory it is unpacked into: absolute names,
     * drive letters, backslashes (a separator on Windows), {@code ..} segments.
     */
    static void check(String name, Path zip, String component) throws BundleException {
        String problem = null;
        if (name.startsWith("/")) {
            problem = "is absolute";
        } else if (name.indexOf('\\') >= 0) {
            problem = "contains a backslash";
        } else if (name.length() >= 2 && name.charAt(1) == ':') {
            problem = "starts with a drive letter";
        } else if (name.indexOf('\0') >= 0) {
            problem = "contains a NUL character";
        } else {
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    problem = "has a '..' segment";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new BundleException("Unsafe entry in the zip of " + component + " (" + zip + "): '" + name + "' " + problem
                    + " and would be unpacked outside its directory (zip slip). Nothing was written; rebuild or replace that zip.");
        }
    }

    /** The directory every entry of the zip is under ({@code "name/"}), if there is exactly one. */
    static Optional<String> singleTopDirectory(ZipFile zip) {
        String top = null;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash < 0) {
                return Optional.empty(); // a file at the root
            }
            String first = name.substring(0, slash + 1);
            if (top == null) {
                top = first;
            } else if (!top.equals(first)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(top);
    }
}
