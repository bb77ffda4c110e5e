package dev.vprompt.engine.checkpoint.zip;

import dev.vprompt.engine.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A file read through memory mappings: byte ranges come back as read-only little-endian buffers that share the page
 * cache, so nothing is copied and untouched ranges are never read from disk. The file is mapped lazily in windows of
 * {@link #WINDOW} bytes (plus {@link #OVERLAP} so ranges that cross a window boundary usually still fit); a larger
 * range gets a mapping of its own. Slices stay valid after {@link #close()}.
 *
 * <p>Not thread-safe: confine to one thread while slicing; the returned buffers may be read from any thread.
 */
public final class MappedFile implements AutoCloseable {

    /** Window size, well under the 2 GiB limit of one Java buffer. */
    public static final long WINDOW = 1L << 30;
    /** Extra bytes each window maps past its end. */
    public static final long OVERLAP = 1L << 28;

    private final Path path;
    private final FileChannel channel;
    private final long size;
    private final long window;
    private final long overlap;
    private final Map<Long, MappedByteBuffer> windows = new HashMap<>();

    private MappedFile(Path path, FileChannel channel, long window, long overlap) throws IOException {
        this.path = path;
        this.channel = channel;
        this.size = channel.size();
        this.window = window;
        this.overlap = overlap;
    }

    /** Opens a file for mapping; a {@link CheckpointException} names the file when it cannot be opened. */
    public static MappedFile open(Path file) {
        return open(file, WINDOW, OVERLAP);
    }

    /** As {@link #open(Path)} with other window sizes (tests use small ones). */
    static MappedFile open(Path file, long window, long overlap) {
        try {
            return new MappedFile(file, FileChannel.open(file, StandardOpenOption.READ), window, overlap);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot open checkpoint: " + e, e);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        return size;
    }

    /**
     * The bytes {@code [offset, offset + length)} as a read-only little-endian buffer (position 0, limit length).
     *
     * @throws CheckpointException when the range is outside the file or longer than a Java buffer can be
     */
    public ByteBuffer slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new CheckpointException(path + ": bytes [" + offset + ", " + (offset + length)
                    + ") lie outside the file of " + size + " bytes (truncated file?)");
        }
        if (length > Integer.MAX_VALUE) {
            throw new CheckpointException(path + ": a single record of " + length + " bytes exceeds the 2 GiB limit");
        }
        long index = offset / window;
        long windowStart = index * window;
        ByteBuffer buffer;
        if (offset + length <= Math.min(size, windowStart + window + overlap)) {
            buffer = window(index).slice((int) (offset - windowStart), (int) length);
        } else {
            buffer = map(offset, length);
        }
        return buffer.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Copies {@code [offset, offset + length)} into a new little-endian heap buffer with a positional read. For small
     * metadata (zip headers): unlike touching a mapping, it does not make the kernel read megabytes around the spot.
     *
     * @throws CheckpointException when the range is outside the file or cannot be read
     */
    public ByteBuffer read(long offset, int length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new CheckpointException(path + ": bytes [" + offset + ", " + (offset + length)
                    + ") lie outside the file of " + size + " bytes (truncated file?)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new CheckpointException(path + ": file ended while reading at " + offset);
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot read bytes at " + offset + ": " + e, e);
        }
        return buffer.flip();
    }

    private MappedByteBuffer window(long index) {
        MappedByteBuffer mapped = windows.get(index);
        if (mapped == null) {
            long start = index * window;
            mapped = map(start, Math.min(size, start + window + overlap) - start);
            windows.put(index, mapped);
        }
        return mapped;
    }

    private MappedByteBuffer map(long offset, long length) {
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot map bytes at " + offset + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CheckpointException(path + ": cannot close: " + e, e);
        }
    }
}
