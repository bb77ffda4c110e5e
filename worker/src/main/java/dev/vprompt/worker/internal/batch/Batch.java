package dev.vprompt.worker.internal.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Units that run in one inference call.
 *
 * @param id unique batch id, reported in completion events
 * @param closedNanos when the batch was closed (for batch-wait timings)
 */
public record Batch<I, O>(String id, BatchKey key, List<BatchUnit<I, O>> units, long closedNanos) {

    public Batch {
        units = List.copyOf(units);
    }

    /** Number of inputs (canvases) in the batch: the model call's batch size. */
    public int size() {
        return units.stream().mapToInt(BatchUnit::size).sum();
    }

    /** Number of units (jobs) in the batch. */
    public int unitCount() {
        return units.size();
    }

    /** Every unit's inputs, unit after unit, in order: what the model call gets. */
    public List<I> inputs() {
        List<I> out = new ArrayList<>(size());
        units.forEach(u -> out.addAll(u.inputs()));
        return out;
    }
}
