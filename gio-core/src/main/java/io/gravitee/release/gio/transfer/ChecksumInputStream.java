package io.gravitee.release.gio.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a stream through while digesting it, so that a download can be verified without reading it twice.
 * {@link #checksums()} is meaningful once the stream has been read to its end.
 */
public final class ChecksumInputStream extends FilterInputStream {
    private final Checksums.Digester digester = new Checksums.Digester();

    public ChecksumInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digester.update(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            digester.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must still be digested, otherwise the checksums would silently be wrong.
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {}

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported: it would digest bytes twice");
    }

    /** The checksums of the bytes read so far; call once, after the end of the stream. */
    public Checksums checksums() {
        return digester.finish();
    }
}
