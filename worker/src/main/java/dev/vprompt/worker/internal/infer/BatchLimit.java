package dev.vprompt.worker.internal.infer;

/**
 * The largest number of canvases one device runs in a single forward pass, learned from its out-of-memory errors. It
 * starts at {@code batch.maxBatchSize}. An out-of-memory error at size {@code s} lowers it to the largest size known to
 * fit below {@code s}, or to half of {@code s} when none is known; after {@code successesBeforeRaise} calls in a row at
 * the limit it rises again by a quarter (at least one), since memory pressure on a device changes (fragmentation, other
 * processes). An out-of-memory error at a size that fit before forgets what fit.
 *
 * <p>Not thread-safe: owned by the device's inference thread; {@link #limit()} may be read from any thread (metrics).
 */
final class BatchLimit {

    private final int max;
    private final int successesBeforeRaise;
    private volatile int limit;
    private int knownFit;
    private int streak;

    BatchLimit(int max, int successesBeforeRaise) {
        if (max < 1 || successesBeforeRaise < 1) {
            throw new IllegalArgumentException("max and successesBeforeRaise must be >= 1");
        }
        this.max = max;
        this.successesBeforeRaise = successesBeforeRaise;
        this.limit = max;
    }

    int limit() {
        return limit;
    }

    /** A call of {@code size} canvases ran out of memory. */
    void outOfMemory(int size) {
        streak = 0;
        if (size <= knownFit) {
            knownFit = 0;
        }
        int next = Math.max(knownFit, (size + 1) / 2);
        limit = Math.max(1, Math.min(limit, Math.min(next, Math.max(1, size - 1))));
    }

    /** A call of {@code size} canvases ran. */
    void succeeded(int size) {
        knownFit = Math.max(knownFit, size);
        if (size < limit || limit >= max) {
            return;
        }
        if (++streak >= successesBeforeRaise) {
            limit = Math.min(max, limit + Math.max(1, limit / 4));
            streak = 0;
        }
    }
}
