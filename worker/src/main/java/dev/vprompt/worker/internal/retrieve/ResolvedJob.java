package dev.vprompt.worker.internal.retrieve;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.UsedExample;
import java.util.List;

/**
 * A job with the examples it runs with: its own, or those picked from its example pool.
 *
 * @param job the job, its {@code examples} filled in when they were picked from a pool
 * @param used the example pairs for the completion event, in prompt order
 * @param poolVersion the version of the pool they were picked from, or null
 */
public record ResolvedJob(PromptJob job, List<UsedExample> used, String poolVersion) {

    public ResolvedJob {
        used = List.copyOf(used);
    }

    /** A job that names its own examples. */
    public static ResolvedJob explicit(PromptJob job) {
        List<UsedExample> used =
                job.getExamples().stream().map(ResolvedJob::used).toList();
        return new ResolvedJob(job, used, null);
    }

    private static UsedExample used(ExamplePair p) {
        return UsedExample.newBuilder()
                .setInput(p.getInput())
                .setOutput(p.getOutput())
                .setSimilarity(null)
                .build();
    }
}
