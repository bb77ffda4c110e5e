package dev.vprompt.worker.internal.batch;

import java.util.List;

/**
 * Items that run in one inference call.
 *
 * @param id unique batch id, reported in completion events
 * @param closedNanos when the batch was closed (for batch-wait timings)
 */
public record Batch<I, O>(String id, BatchKey key, List<BatchItem<I, O>> items, long closedNanos) {

    public int size() {
        return items.size();
    }
}
