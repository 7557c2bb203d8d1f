package io.gravitee.release.gio.transfer;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Passes bytes through to another stream while digesting them, e.g. while a zip is being assembled. */
public final class ChecksumOutputStream extends FilterOutputStream {
    private final Checksums.Digester digester = new Checksums.Digester();

    public ChecksumOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        digester.update(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
        digester.update(bytes, offset, length);
    }

    /** The checksums of the bytes written so far; call once, when writing is done. */
    public Checksums checksums() {
        return digester.finish();
    }
}
