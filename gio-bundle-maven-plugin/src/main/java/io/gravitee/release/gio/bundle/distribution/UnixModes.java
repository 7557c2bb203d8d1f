package io.gravitee.release.gio.bundle.distribution;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Gives the entries of a zip written by {@link java.util.zip.ZipOutputStream} unix modes: {@code 0755} for the named
 * executables and directories, {@code 0644} for other files. The JDK has no public way to set them, and without them
 * {@code unzip} leaves {@code bin/gravitee} without its execute bit, which Gravitee's script took care to set. Only the
 * central directory holds the mode (the "version made by" host and the external attributes), so it is rewritten in
 * place: a few bytes per entry, the compressed data untouched and the result as reproducible as the input.
 */
final class UnixModes {
    private static final int END = 0x06054b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int MADE_BY_UNIX = (3 << 8) | 20;

    private UnixModes() {}

    static void apply(Path zip, Set<String> executables) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // The zips written here have no comment: the end record is the last 22 bytes.
            ByteBuffer end = read(channel, channel.size() - 22, 22);
            if (end.getInt(0) != END) {
                throw new IOException(zip + " does not end with a zip end record");
            }
            int size = end.getInt(12);
            long offset = Integer.toUnsignedLong(end.getInt(16));
            ByteBuffer central = read(channel, offset, size);
            int at = 0;
            while (at < size) {
                if (central.getInt(at) != CENTRAL) {
                    throw new IOException(zip + ": unexpected record in the central directory at " + (offset + at));
                }
                int nameLength = Short.toUnsignedInt(central.getShort(at + 28));
                int extra = Short.toUnsignedInt(central.getShort(at + 30));
                int comment = Short.toUnsignedInt(central.getShort(at + 32));
                byte[] raw = new byte[nameLength];
                central.get(at + 46, raw);
                String name = new String(raw, StandardCharsets.UTF_8);
                boolean directory = name.endsWith("/");
                int mode = directory ? 040755 : executables.contains(name) ? 0100755 : 0100644;
                central.putShort(at + 4, (short) MADE_BY_UNIX);
                // The low byte keeps the MS-DOS directory flag that readers without unix support look at.
                central.putInt(at + 38, (mode << 16) | (directory ? 0x10 : 0));
                at += 46 + nameLength + extra + comment;
            }
            central.rewind();
            channel.write(central, offset);
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("Truncated zip");
            }
        }
        buffer.flip();
        return buffer;
    }
}
