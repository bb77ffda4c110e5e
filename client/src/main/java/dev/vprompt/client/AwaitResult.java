package dev.vprompt.client;

import java.util.List;
import java.util.Set;

/**
 * What a wait for completions got.
 *
 * @param completions the completions, one per job (the first one seen when a job completed twice), in arrival order
 * @param missing job ids waited for that did not complete in time (empty when waiting for a count)
 * @param timedOut whether the wait ended by its timeout rather than by getting everything
 */
public record AwaitResult(List<Completion> completions, Set<String> missing, boolean timedOut) {

    public AwaitResult {
        completions = List.copyOf(completions);
        missing = Set.copyOf(missing);
    }
}
