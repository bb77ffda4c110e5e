package dev.vprompt.client;

import dev.vprompt.schemas.PromptCompleted;
import java.time.Instant;

/**
 * A completion event as this client received it.
 *
 * @param event the decoded event
 * @param receivedNanos {@link System#nanoTime()} when the poll returned it (for client-side latencies)
 * @param receivedAt wall-clock time of the same moment
 */
public record Completion(PromptCompleted event, long receivedNanos, Instant receivedAt) {

    public String jobId() {
        return event.getJobId();
    }
}
