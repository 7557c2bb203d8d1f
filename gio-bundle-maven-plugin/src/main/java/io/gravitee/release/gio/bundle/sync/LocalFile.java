package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file of the source tree to publish. Its MD5 is computed when the tree is read, because it is what a plain S3
 * ETag is compared with; the other digests (for checksum files and the SHA-256 metadata) only for files that are
 * uploaded or whose object needs a closer look, so that a run with nothing to do reads each file once, with one digest.
 */
public final class LocalFile {
    private final String relativePath;
    private final Path path;
    private final long size;
    private final String md5;
    private volatile Checksums checksums;

    private LocalFile(String relativePath, Path path, long size, String md5) {
        this.relativePath = relativePath;
        this.path = path;
        this.size = size;
        this.md5 = md5;
    }

    /** Reads the file once for its size and MD5. */
    public static LocalFile read(String relativePath, Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
        long size = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                size += n;
            }
        }
        return new LocalFile(relativePath, path, size, HexFormat.of().formatHex(digest.digest()));
    }

    /** Its path under the source directory and the prefix, with '/' separators. */
    public String relativePath() {
        return relativePath;
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    public String md5() {
        return md5;
    }

    /** Every digest, computed on first use (one more read of the file). */
    public Checksums checksums() {
        Checksums sums = checksums;
        if (sums == null) {
            synchronized (this) {
                if (checksums == null) {
                    try {
                        checksums = Checksums.of(path);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot read " + path, e);
                    }
                    if (!checksums.md5().equals(md5) || checksums.size() != size) {
                        throw new IllegalStateException(path + " changed while gio was uploading it: run the upload again");
                    }
                }
                sums = checksums;
            }
        }
        return sums;
    }

    @Override
    public String toString() {
        return relativePath + " (" + size + " bytes, md5 " + md5 + ")";
    }
}
