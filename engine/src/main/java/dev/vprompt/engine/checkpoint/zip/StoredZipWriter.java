package dev.vprompt.engine.checkpoint.zip;

import static dev.vprompt.engine.checkpoint.zip.ZipRecords.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes a zip archive of stored (uncompressed) entries the way PyTorch's writer does: each entry's data starts on a
 * multiple of {@link #ALIGNMENT} bytes (padding in an "FB" extra field of the local header), sizes and CRC follow the
 * data in a data descriptor, and ZIP64 records are written when an offset or size needs them (or when forced).
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class StoredZipWriter implements AutoCloseable {

    /** Alignment of entry data, as in PyTorch ({@code kFieldAlignment}). */
    public static final int ALIGNMENT = 64;

    private static final int ZIP64_VERSION = 45;

    private record Written(byte[] name, long crc, long size, long offset) {}

    private final FileChannel out;
    private final boolean forceZip64;
    private final List<Written> written = new ArrayList<>();
    private long position;

    /**
     * Creates (or replaces) the file.
     *
     * @param forceZip64 write ZIP64 records even when the archive is small (to exercise readers)
     */
    public StoredZipWriter(Path file, boolean forceZip64) throws IOException {
        this.out = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.forceZip64 = forceZip64;
    }

    /** Appends one stored entry whose data is the concatenation of the buffers (their positions are not moved). */
    public void add(String name, ByteBuffer... parts) throws IOException {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        long offset = position;
        long size = 0;
        CRC32 crc = new CRC32();
        for (ByteBuffer part : parts) {
            size += part.remaining();
            crc.update(part.duplicate());
        }
        boolean zip64 = forceZip64 || size >= MAX_U32 || offset >= MAX_U32;
        int zip64Extra = zip64 ? 20 : 0;
        int base = LOCAL_HEADER_SIZE + nameBytes.length + zip64Extra + 4;
        int padding = (int) ((ALIGNMENT - (offset + base) % ALIGNMENT) % ALIGNMENT);
        ByteBuffer header = buffer(base + padding);
        header.putInt(LOCAL_HEADER)
                .putShort((short) (zip64 ? ZIP64_VERSION : 0))
                .putShort((short) FLAGS);
        header.putShort((short) 0).putInt(0).putInt(0).putInt(zip64 ? -1 : 0).putInt(zip64 ? -1 : 0);
        header.putShort((short) nameBytes.length)
                .putShort((short) (zip64Extra + 4 + padding))
                .put(nameBytes);
        if (zip64) {
            header.putShort((short) ZIP64_EXTRA).putShort((short) 16).putLong(0).putLong(0);
        }
        header.putShort((short) PADDING_EXTRA).putShort((short) padding).put(new byte[padding]);
        writeBuilt(header);
        for (ByteBuffer part : parts) {
            write(part.duplicate());
        }
        ByteBuffer descriptor = buffer(zip64 ? 24 : 16).putInt(DATA_DESCRIPTOR).putInt((int) crc.getValue());
        if (zip64) {
            descriptor.putLong(size).putLong(size);
        } else {
            descriptor.putInt((int) size).putInt((int) size);
        }
        writeBuilt(descriptor);
        written.add(new Written(nameBytes, crc.getValue(), size, offset));
    }

    /** Writes the central directory and end records and closes the file. */
    @Override
    public void close() throws IOException {
        try (out) {
            long cdOffset = position;
            for (Written w : written) {
                writeCentralHeader(w);
            }
            long cdSize = position - cdOffset;
            boolean zip64 = forceZip64 || cdOffset >= MAX_U32 || written.size() >= MAX_U16;
            if (zip64) {
                long zip64End = position;
                ByteBuffer end64 = buffer(ZIP64_END_SIZE).putInt(ZIP64_END).putLong(ZIP64_END_SIZE - 12);
                end64.putShort((short) ZIP64_VERSION)
                        .putShort((short) ZIP64_VERSION)
                        .putInt(0)
                        .putInt(0);
                end64.putLong(written.size())
                        .putLong(written.size())
                        .putLong(cdSize)
                        .putLong(cdOffset);
                writeBuilt(end64);
                writeBuilt(buffer(ZIP64_LOCATOR_SIZE)
                        .putInt(ZIP64_LOCATOR)
                        .putInt(0)
                        .putLong(zip64End)
                        .putInt(1));
            }
            short count = (short) Math.min(written.size(), MAX_U16);
            ByteBuffer end = buffer(END_SIZE).putInt(END).putShort((short) 0).putShort((short) 0);
            end.putShort(zip64 ? (short) -1 : count).putShort(zip64 ? (short) -1 : count);
            end.putInt(zip64 ? -1 : (int) cdSize)
                    .putInt(zip64 ? -1 : (int) cdOffset)
                    .putShort((short) 0);
            writeBuilt(end);
        }
    }

    private void writeCentralHeader(Written w) throws IOException {
        boolean zip64 = forceZip64 || w.size() >= MAX_U32 || w.offset() >= MAX_U32;
        int extra = zip64 ? 28 : 0;
        ByteBuffer h = buffer(CENTRAL_HEADER_SIZE + w.name().length + extra);
        h.putInt(CENTRAL_HEADER).putShort((short) (zip64 ? ZIP64_VERSION : 0));
        h.putShort((short) (zip64 ? ZIP64_VERSION : 0)).putShort((short) FLAGS).putShort((short) 0);
        h.putInt(0).putInt((int) w.crc());
        h.putInt(zip64 ? -1 : (int) w.size()).putInt(zip64 ? -1 : (int) w.size());
        h.putShort((short) w.name().length)
                .putShort((short) extra)
                .putShort((short) 0)
                .putShort((short) 0);
        h.putShort((short) 0).putInt(0).putInt(zip64 ? -1 : (int) w.offset()).put(w.name());
        if (zip64) {
            h.putShort((short) ZIP64_EXTRA)
                    .putShort((short) 24)
                    .putLong(w.size())
                    .putLong(w.size());
            h.putLong(w.offset());
        }
        writeBuilt(h);
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes a header buffer that was filled with relative puts. */
    private void writeBuilt(ByteBuffer filled) throws IOException {
        if (filled.hasRemaining()) {
            throw new IllegalStateException("zip record not filled: " + filled.remaining() + " bytes left");
        }
        write(filled.flip());
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            position += out.write(buffer);
        }
    }
}
