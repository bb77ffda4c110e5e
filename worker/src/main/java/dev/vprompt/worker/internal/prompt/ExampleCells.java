package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.internal.fetch.ImagesToRead;

/**
 * One job's example cells as the {@link ExampleCache} had them when the job started: the cached cells (which the
 * fetcher then does not read) and the cache keys under which the other examples are kept once prepared. Indexed by
 * example pair, then input (0) or output (1). As the fetcher's {@link ImagesToRead} it also leaves out what the
 * prompt does not use ({@link PromptInputs}): the pairs past those shown and a ground truth that is not scored.
 *
 * <p>Immutable after construction and thread-safe: made on the flow's event loop, read by the fetcher and the prepare
 * pool; {@link #keep} writes to the (thread-safe) cache only.
 */
public final class ExampleCells implements ImagesToRead {

    private final ExampleCache cache;
    private final ExampleCache.Key[][] keys;
    private final RgbImage[][] cells;
    private final CellKind kind;
    private final int pairsUsed;
    private final boolean groundTruthUsed;

    ExampleCells(PromptJob job, ExampleCache cache, ExampleCache.Key[][] keys, RgbImage[][] cells) {
        this.cache = cache;
        this.keys = keys;
        this.cells = cells;
        this.kind = CellKind.of(job);
        this.pairsUsed = PromptInputs.pairsUsed(job);
        this.groundTruthUsed = PromptInputs.groundTruthUsed(job);
    }

    /** No cached cell and nothing to keep, for {@code job}'s example pairs. */
    static ExampleCells none(PromptJob job) {
        int pairs = job.getExamples().size();
        return new ExampleCells(job, ExampleCache.disabled(), new ExampleCache.Key[pairs][2], new RgbImage[pairs][2]);
    }

    /** Reads the examples the prompt uses, but the cached ones. */
    @Override
    public boolean example(int pair, boolean output) {
        return pair < pairsUsed && !holds(pair, output);
    }

    @Override
    public boolean groundTruth() {
        return groundTruthUsed;
    }

    /** How many leading example pairs the prompt uses. */
    int pairsUsed() {
        return pairsUsed;
    }

    /** Whether the example's cell came from the cache. */
    boolean holds(int pair, boolean output) {
        return cell(pair, output) != null;
    }

    /** The cached cell, or null. */
    RgbImage cell(int pair, boolean output) {
        return cells[pair][output ? 1 : 0];
    }

    /** The key this example is cached under, or null when it may not be cached. */
    ExampleCache.Key key(int pair, boolean output) {
        return keys[pair][output ? 1 : 0];
    }

    /**
     * Turns a freshly decoded example into its cell, and keeps the cell for later jobs when it may be cached.
     *
     * @return the cell (the canvas builder's resize of a cell is the identity, so the canvas is the same as from the
     *     decoded image, which need not be held any longer)
     */
    RgbImage keep(int pair, boolean output, RgbImage decoded) {
        RgbImage cell = kind.cell(decoded);
        ExampleCache.Key key = key(pair, output);
        if (key != null) {
            cache.put(key, cell);
        }
        return cell;
    }
}
