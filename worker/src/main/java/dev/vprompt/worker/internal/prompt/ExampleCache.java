package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.PromptJob;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Example images shared across jobs, kept as prepared canvas cells (decoded and resized exactly as the canvas builder
 * would), so a job whose example is cached neither reads it from S3 nor decodes nor resizes it. Labeling pipelines
 * send one example pair with many queries, so this removes two of a job's three reads. The prompt stage owns it: a
 * job's examples are looked up once ({@link #lookUp}, giving {@link ExampleCells} that tell the fetcher what not to
 * read), and the assembler keeps the cells it prepares.
 *
 * <p>Only immutable objects are cached: a reference with a {@code versionId}, or any key of a bucket the operator
 * declared write-once ({@code s3.immutableBuckets}, e.g. content-addressed uploads). An unversioned key elsewhere may
 * be overwritten, so it is always read again. Least recently used cells are evicted beyond {@code maxBytes}; a
 * {@code maxBytes} of 0 disables the cache.
 *
 * <p>Thread-safe: lookups and insertions synchronise on the map (each is a hash-map operation); cells are never
 * modified after insertion.
 */
public final class ExampleCache {

    /**
     * What a cell is made from.
     *
     * @param mask whether the image was read as a mask (PIL's 'L' mode), which decodes the same bytes differently
     * @param cell the canvas cell it was made into (size and resize filter)
     */
    public record Key(String bucket, String key, String versionId, boolean mask, CellKind cell) {

        public Key {
            Objects.requireNonNull(bucket, "bucket");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(cell, "cell");
        }
    }

    private final long maxBytes;
    private final Set<String> immutableBuckets;
    private final LinkedHashMap<Key, RgbImage> cells = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public ExampleCache(long maxBytes, Set<String> immutableBuckets) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.immutableBuckets = Set.copyOf(immutableBuckets);
    }

    /** A cache that keeps nothing. */
    public static ExampleCache disabled() {
        return new ExampleCache(0, Set.of());
    }

    /** The key of {@code ref}'s cell, or null when the object may change under its key (or the cache is off). */
    public Key keyOf(ObjectRef ref, boolean mask, CellKind cell) {
        if (maxBytes == 0 || (ref.getVersionId() == null && !immutableBuckets.contains(ref.getBucket()))) {
            return null;
        }
        return new Key(ref.getBucket(), ref.getKey(), ref.getVersionId(), mask, cell);
    }

    /**
     * Looks up every example {@code job}'s prompt uses (each lookup counted as a hit or a miss). The result tells the fetcher
     * what not to read and the assembler which cells to keep.
     */
    public ExampleCells lookUp(PromptJob job) {
        CellKind kind = CellKind.of(job);
        boolean masks = PromptAssembler.outputsAreMasks(job.getTask());
        List<ExamplePair> examples = job.getExamples();
        Key[][] keys = new Key[examples.size()][2];
        RgbImage[][] found = new RgbImage[examples.size()][2];
        for (int i = 0; i < PromptInputs.pairsUsed(job); i++) {
            keys[i][0] = keyOf(examples.get(i).getInput(), false, kind);
            keys[i][1] = keyOf(examples.get(i).getOutput(), masks, kind);
            for (int side = 0; side < 2; side++) {
                found[i][side] = keys[i][side] == null ? null : get(keys[i][side]);
            }
        }
        return new ExampleCells(job, this, keys, found);
    }

    /** The cached cell, or null (counted as a hit or a miss). */
    public RgbImage get(Key key) {
        RgbImage cell;
        synchronized (cells) {
            cell = cells.get(key);
        }
        (cell == null ? misses : hits).incrementAndGet();
        return cell;
    }

    /** Keeps {@code cell}, evicting the least recently used cells beyond the byte budget. */
    public void put(Key key, RgbImage cell) {
        long size = cell.pixels().length;
        if (size > maxBytes) {
            return;
        }
        synchronized (cells) {
            RgbImage previous = cells.put(key, cell);
            bytes += size - (previous == null ? 0 : previous.pixels().length);
            Iterator<Map.Entry<Key, RgbImage>> eldest = cells.entrySet().iterator();
            while (bytes > maxBytes && eldest.hasNext()) {
                bytes -= eldest.next().getValue().pixels().length;
                eldest.remove();
            }
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    /** Bytes of pixels held. */
    public long bytes() {
        synchronized (cells) {
            return bytes;
        }
    }

    /** Number of cells held. */
    public int size() {
        synchronized (cells) {
            return cells.size();
        }
    }
}
