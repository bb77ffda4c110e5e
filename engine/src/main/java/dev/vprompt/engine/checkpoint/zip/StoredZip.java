package dev.vprompt.engine.checkpoint.zip;

import static dev.vprompt.engine.checkpoint.zip.ZipRecords.*;

import dev.vprompt.engine.checkpoint.CheckpointException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A zip archive whose entries are read in place: the central directory (ZIP64 included) is parsed once, and
 * {@link #data} maps an entry's bytes without copying. Only stored (uncompressed) entries can be read, which is how
 * PyTorch writes checkpoints.
 *
 * <p>Not thread-safe: confine to one thread; buffers returned by {@link #data} may be read from any thread and stay
 * valid after {@link #close()}.
 */
public final class StoredZip implements AutoCloseable {

    /**
     * One central-directory record.
     *
     * @param method 0 for stored, 8 for deflated, ...
     * @param localHeaderOffset where the entry's local header starts
     */
    public record Entry(String name, int method, long compressedSize, long size, long localHeaderOffset) {}

    private static final int MAX_COMMENT = 0xffff;

    private final MappedFile file;
    private final Map<String, Entry> entries;

    private StoredZip(MappedFile file, Map<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Opens an archive and reads its directory.
     *
     * @throws CheckpointException naming the file when it is not a zip, or is truncated or corrupt
     */
    public static StoredZip open(Path path) {
        MappedFile file = MappedFile.open(path);
        try {
            return new StoredZip(file, readDirectory(file));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The entries in central-directory order. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Path path() {
        return file.path();
    }

    /**
     * The entry's bytes, memory-mapped, read-only and little-endian.
     *
     * @throws CheckpointException when the entry is compressed, its local header is corrupt or its data runs past the
     *     end of the file
     */
    public ByteBuffer data(Entry entry) {
        if (entry.method() != 0) {
            throw new CheckpointException(file.path() + ": entry '" + entry.name() + "' is compressed (method "
                    + entry.method() + "); PyTorch checkpoints store entries uncompressed");
        }
        long dataOffset = dataOffset(entry);
        if (dataOffset + entry.size() > file.size()) {
            throw new CheckpointException(file.path() + ": entry '" + entry.name() + "' needs bytes up to "
                    + (dataOffset + entry.size()) + " but the file has " + file.size() + " (truncated)");
        }
        return file.slice(dataOffset, entry.size());
    }

    /** Where the entry's data start in the file, from its local header. */
    public long dataOffset(Entry entry) {
        if (entry.localHeaderOffset() + LOCAL_HEADER_SIZE > file.size()) {
            throw new CheckpointException(file.path() + ": local header of entry '" + entry.name()
                    + "' lies past the end of the file (truncated)");
        }
        ByteBuffer header = file.read(entry.localHeaderOffset(), LOCAL_HEADER_SIZE);
        if (header.getInt(0) != LOCAL_HEADER) {
            throw corrupt("no local header for entry '" + entry.name() + "' at " + entry.localHeaderOffset());
        }
        return entry.localHeaderOffset() + LOCAL_HEADER_SIZE + u16(header, 26) + u16(header, 28);
    }

    @Override
    public void close() {
        file.close();
    }

    private static Map<String, Entry> readDirectory(MappedFile file) {
        long size = file.size();
        boolean zipMagic = size >= 4 && file.read(0, 4).getShort(0) == 0x4b50;
        if (!zipMagic) {
            throw new CheckpointException(file.path() + ": not a zip file (a PyTorch checkpoint is a zip archive)");
        }
        long end = findEnd(file);
        ByteBuffer eocd = file.read(end, END_SIZE);
        long count = u16(eocd, 10);
        long cdSize = u32(eocd, 12);
        long cdOffset = u32(eocd, 16);
        long directoryEnd = end;
        if (end >= ZIP64_LOCATOR_SIZE && file.read(end - ZIP64_LOCATOR_SIZE, 4).getInt(0) == ZIP64_LOCATOR) {
            long zip64End = file.read(end - ZIP64_LOCATOR_SIZE + 8, 8).getLong(0);
            ByteBuffer z = slice(file, zip64End, ZIP64_END_SIZE, "ZIP64 end record");
            if (z.getInt(0) != ZIP64_END) {
                throw corrupt(file, "ZIP64 locator points to " + zip64End + " where there is no ZIP64 end record");
            }
            count = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
            directoryEnd = zip64End;
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > directoryEnd) {
            throw corrupt(
                    file, "central directory [" + cdOffset + ", +" + cdSize + ") does not fit before " + directoryEnd);
        }
        return readEntries(file, slice(file, cdOffset, cdSize, "central directory"), count);
    }

    private static long findEnd(MappedFile file) {
        long size = file.size();
        long from = Math.max(0, size - END_SIZE - MAX_COMMENT);
        if (size >= END_SIZE) {
            ByteBuffer tail = file.read(from, (int) (size - from));
            for (int p = tail.limit() - END_SIZE; p >= 0; p--) {
                if (tail.getInt(p) == END && p + END_SIZE + u16(tail, p + 20) == tail.limit()) {
                    return from + p;
                }
            }
        }
        throw new CheckpointException(
                file.path() + ": truncated or corrupt zip: no end-of-central-directory record in " + size + " bytes");
    }

    private static Map<String, Entry> readEntries(MappedFile file, ByteBuffer cd, long count) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long i = 0; i < count; i++) {
            if (p + CENTRAL_HEADER_SIZE > cd.limit() || cd.getInt(p) != CENTRAL_HEADER) {
                throw corrupt(file, "central directory record " + i + " of " + count + " is missing");
            }
            int nameLength = u16(cd, p + 28);
            int extraLength = u16(cd, p + 30);
            int commentLength = u16(cd, p + 32);
            if (p + CENTRAL_HEADER_SIZE + nameLength + extraLength > cd.limit()) {
                throw corrupt(file, "central directory record " + i + " is cut short");
            }
            byte[] name = new byte[nameLength];
            cd.get(p + CENTRAL_HEADER_SIZE, name);
            long[] sizes = {u32(cd, p + 24), u32(cd, p + 20), u32(cd, p + 42)};
            applyZip64(cd, p + CENTRAL_HEADER_SIZE + nameLength, extraLength, sizes);
            Entry entry =
                    new Entry(new String(name, StandardCharsets.UTF_8), u16(cd, p + 10), sizes[1], sizes[0], sizes[2]);
            entries.put(entry.name(), entry);
            p += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    /** Replaces the 0xFFFFFFFF placeholders (size, compressed size, offset, in that order) from the ZIP64 extra. */
    private static void applyZip64(ByteBuffer cd, int extraStart, int extraLength, long[] sizes) {
        int p = extraStart;
        while (p + 4 <= extraStart + extraLength) {
            int id = u16(cd, p);
            int length = u16(cd, p + 2);
            if (id == ZIP64_EXTRA) {
                int q = p + 4;
                for (int k = 0; k < sizes.length && q + 8 <= p + 4 + length; k++) {
                    if (sizes[k] == MAX_U32) {
                        sizes[k] = cd.getLong(q);
                        q += 8;
                    }
                }
            }
            p += 4 + length;
        }
    }

    private static ByteBuffer slice(MappedFile file, long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > file.size() || length > Integer.MAX_VALUE) {
            throw corrupt(file, what + " at " + offset + " lies outside the file");
        }
        return file.read(offset, (int) length);
    }

    private CheckpointException corrupt(String problem) {
        return corrupt(file, problem);
    }

    private static CheckpointException corrupt(MappedFile file, String problem) {
        return new CheckpointException(file.path() + ": corrupt zip: " + problem);
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xffffffffL;
    }
}
