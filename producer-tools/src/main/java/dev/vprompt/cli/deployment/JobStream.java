package dev.vprompt.cli.deployment;

import dev.vprompt.cli.console.Progress;
import dev.vprompt.client.Completion;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.StartPosition;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptJob;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Streams a set of jobs through a deployment: opens a completion watcher at the end of the completions topic,
 * submits every job, then hands each job's first completion to the caller while a progress bar runs on stderr. It
 * gives up on the jobs still missing when no completion has arrived for {@code stallTimeout}, so a long evaluation
 * never times out while it makes progress.
 *
 * <p>Not thread-safe: {@link #run} confines its Kafka clients to the calling thread and calls {@code onEach} there.
 */
public final class JobStream {

    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * What came back.
     *
     * @param completions job id to its first completion, in arrival order
     * @param missing ids of the jobs that never completed
     * @param wallSeconds from the first submission to the last completion (or to giving up)
     */
    public record Result(Map<String, Completion> completions, List<String> missing, double wallSeconds) {}

    private JobStream() {}

    /** Submits {@code jobs} to {@code connection} and awaits them; see the class comment. */
    public static Result run(
            Connection connection,
            List<PromptJob> jobs,
            Duration stallTimeout,
            PrintWriter err,
            Consumer<Completion> onEach) {
        Set<String> missing = new LinkedHashSet<>();
        jobs.forEach(j -> missing.add(j.getJobId()));
        Map<String, Completion> got = new LinkedHashMap<>();
        try (CompletionWatcher watcher = CompletionWatcher.open(connection, StartPosition.end());
                JobSubmitter submitter = JobSubmitter.open(connection)) {
            long start = System.nanoTime();
            Progress progress = Progress.start(err, "jobs", jobs.size());
            submitter.submitAll(jobs);
            long last = System.nanoTime();
            long lastCompletion = start;
            int failed = 0;
            while (!missing.isEmpty() && System.nanoTime() - last < stallTimeout.toNanos()) {
                for (Completion c : watcher.poll(POLL)) {
                    if (!missing.remove(c.jobId())) {
                        continue;
                    }
                    got.put(c.jobId(), c);
                    last = System.nanoTime();
                    lastCompletion = c.receivedNanos();
                    if (c.event().getStatus() != JobStatus.SUCCEEDED) {
                        progress.note(++failed + " failed");
                    }
                    progress.step();
                    onEach.accept(c);
                }
            }
            progress.finish();
            long end = missing.isEmpty() ? lastCompletion : System.nanoTime();
            return new Result(got, new ArrayList<>(missing), (end - start) / 1e9);
        }
    }
}
