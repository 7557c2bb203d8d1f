package io.gravitee.release.gio.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The MD5, SHA-1, SHA-256 and SHA-512 digests of one content, as lowercase hex strings, with its size.
 * All four are computed in a single pass over the bytes: large distribution zips are read once.
 * {@link #ofMaven} computes only the MD5 and SHA-1; asking such checksums for the others fails.
 */
public record Checksums(long size, String md5, String sha1, String sha256, String sha512) {

    /** @param sha256 null, with {@code sha512}, for the two digests of {@link #ofMaven} only */
    public Checksums {
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha1, "sha1");
        if ((sha256 == null) != (sha512 == null)) {
            throw new IllegalArgumentException("SHA-256 and SHA-512 are both known or both absent");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
    }

    /** Reads {@code file} once and digests it. */
    public static Checksums of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /**
     * Reads {@code file} once for the two digests a Maven repository keeps beside each file ({@code .md5},
     * {@code .sha1}). Staging needs no more, and SHA-512 alone costs more CPU per byte than both of them.
     */
    public static Checksums ofMaven(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return digest(in, new Digester(false));
        }
    }

    /** Digests the rest of {@code in} (not closed). */
    public static Checksums of(InputStream in) throws IOException {
        return digest(in, new Digester());
    }

    private static Checksums digest(InputStream in, Digester digester) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digester.update(buffer, 0, n);
        }
        return digester.finish();
    }

    /** The SHA-256; fails for checksums made by {@link #ofMaven}. */
    @Override
    public String sha256() {
        return known(sha256, "SHA-256");
    }

    /** The SHA-512; fails for checksums made by {@link #ofMaven}. */
    @Override
    public String sha512() {
        return known(sha512, "SHA-512");
    }

    private String known(String digest, String algorithm) {
        if (digest == null) {
            throw new IllegalStateException(algorithm + " was not computed for this content (Maven digests only)");
        }
        return digest;
    }

    /** Digests {@code bytes}. */
    public static Checksums of(byte[] bytes) {
        Digester digester = new Digester();
        digester.update(bytes, 0, bytes.length);
        return digester.finish();
    }

    /**
     * Feeds bytes to the four digests at once. Not thread-safe: one digester follows one stream.
     * Used by {@link ChecksumInputStream} and {@link ChecksumOutputStream} to digest what passes through.
     */
    public static final class Digester {
        private final MessageDigest md5 = digest("MD5");
        private final MessageDigest sha1 = digest("SHA-1");
        private final MessageDigest sha256;
        private final MessageDigest sha512;
        private long size;
        private Checksums result;

        /** A digester of all four digests. */
        public Digester() {
            this(true);
        }

        private Digester(boolean all) {
            sha256 = all ? digest("SHA-256") : null;
            sha512 = all ? digest("SHA-512") : null;
        }

        public void update(byte[] bytes, int offset, int length) {
            if (result != null) {
                throw new IllegalStateException("digester already finished");
            }
            md5.update(bytes, offset, length);
            sha1.update(bytes, offset, length);
            if (sha256 != null) {
                sha256.update(bytes, offset, length);
                sha512.update(bytes, offset, length);
            }
            size += length;
        }

        public void update(int b) {
            update(new byte[] {(byte) b}, 0, 1);
        }

        /** The checksums of everything fed so far; later calls return the same value. */
        public Checksums finish() {
            if (result == null) {
                HexFormat hex = HexFormat.of();
                result = new Checksums(
                        size,
                        hex.formatHex(md5.digest()),
                        hex.formatHex(sha1.digest()),
                        sha256 == null ? null : hex.formatHex(sha256.digest()),
                        sha512 == null ? null : hex.formatHex(sha512.digest()));
            }
            return result;
        }

        private static MessageDigest digest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                // Every Java platform must provide these four (MessageDigest's Javadoc).
                throw new IllegalStateException(algorithm + " missing from this JDK", e);
            }
        }
    }

    /** Unchecked variant of {@link #of(Path)} for streams and lambdas. */
    public static Checksums ofUnchecked(Path file) {
        try {
            return of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " to compute its checksums", e);
        }
    }
}
