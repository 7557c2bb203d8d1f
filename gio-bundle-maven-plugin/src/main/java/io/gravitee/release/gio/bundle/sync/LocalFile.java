package io.gravitee.release.gio.bundle.sync;

import io.gravitee.release.gio.transfer.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A file of the source tree to publish, with its digests read on demand, each file once at most: the MD5 when the
 * bucket holds an object of the same size to compare it with (a plain S3 ETag is an MD5), every digest (for checksum
 * files and the SHA-256 metadata) when the file is uploaded. So a run with nothing to do reads each file once for one
 * digest, and a first upload reads each file once for all of them.
 */
public final class LocalFile {
    private final String relativePath;
    private final Path path;
    private final long size;
    private final Instant modified;
    private final Object fileKey;
    private String md5;
    private Checksums checksums;

    /** A file as the tree walk found it: {@code modified} and {@code fileKey} identify this state of it. */
    public LocalFile(String relativePath, Path path, long size, Instant modified, Object fileKey) {
        this.relativePath = relativePath;
        this.path = path;
        this.size = size;
        this.modified = modified;
        this.fileKey = fileKey;
    }

    /** Reads the file's attributes (one stat): size, modification time and key. */
    public static LocalFile of(String relativePath, Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new LocalFile(relativePath, path, attributes.size(), attributes.lastModifiedTime().toInstant(),
                attributes.fileKey());
    }

    /** Its path under the source directory and the prefix, with '/' separators. */
    public String relativePath() {
        return relativePath;
    }

    public Path path() {
        return path;
    }

    /** Its size when the tree was read. */
    public long size() {
        return size;
    }

    /** When it was last modified, as the tree walk saw it. */
    public Instant modified() {
        return modified;
    }

    /** Size, modification time and file key as one string: equal only for the same state of the same file. */
    String identity() {
        return size + " " + modified + " " + fileKey;
    }

    /** Takes an MD5 read by an earlier upload of this very state of the file (see {@link DigestCache}). */
    synchronized void knownMd5(String md5) {
        if (this.md5 == null && checksums == null) {
            this.md5 = md5;
        }
    }

    /** Its MD5, read on first use unless every digest is known already. */
    public synchronized String md5() {
        if (md5 == null) {
            md5 = checksums != null ? checksums.md5() : readMd5();
        }
        return md5;
    }

    /** Whether {@link #md5()} would answer without reading the file. */
    public synchronized boolean md5Known() {
        return md5 != null || checksums != null;
    }

    /** Whether {@link #checksums()} would answer without reading the file. */
    public synchronized boolean checksumsKnown() {
        return checksums != null;
    }

    /** Every digest, read on first use; fails if the file changed since its size or MD5 were taken. */
    public synchronized Checksums checksums() {
        if (checksums == null) {
            Checksums sums;
            try {
                sums = Checksums.of(path);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
            if (sums.size() != size || (md5 != null && !sums.md5().equals(md5))) {
                throw new IllegalStateException(path + " changed while gio was uploading it: run the upload again");
            }
            checksums = sums;
        }
        return checksums;
    }

    private String readMd5() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
        long read = 0;
        byte[] buffer = new byte[256 * 1024];
        try (InputStream in = Files.newInputStream(path)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        if (read != size) {
            throw new IllegalStateException(path + " changed while gio was reading it: run the upload again");
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public String toString() {
        return relativePath + " (" + size + " bytes)";
    }
}
