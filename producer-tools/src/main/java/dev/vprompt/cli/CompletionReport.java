package dev.vprompt.cli;

import dev.vprompt.cli.console.Progress;
import dev.vprompt.cli.console.SummaryTables;
import dev.vprompt.client.AwaitResult;
import dev.vprompt.client.Completion;
import dev.vprompt.client.CompletionSummary;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.Durations;
import dev.vprompt.client.ResultDownloader;
import dev.vprompt.client.VpClientException;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptCompleted;
import io.minio.MinioClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What {@code vp submit --wait} and {@code vp await} do with completions: wait with a progress bar, print the
 * summary and the failed jobs on stdout, download results, and turn the outcome into an exit status.
 *
 * <p>Not thread-safe: confine to the command's thread.
 */
final class CompletionReport {

    /** Every job completed and succeeded. */
    static final int ALL_SUCCEEDED = 0;
    /** Every job completed, some failed. */
    static final int SOME_FAILED = 2;

    private static final int FAILURES_LISTED = 20;

    private final PrintWriter out;
    private final PrintWriter err;
    private final Path downloadDir;
    private final MinioClient s3;
    private final Connection connection;

    CompletionReport(PrintWriter out, PrintWriter err, Path downloadDir, MinioClient s3, Connection connection) {
        this.out = out;
        this.err = err;
        this.downloadDir = downloadDir;
        this.s3 = s3;
        this.connection = connection;
    }

    /** Waits for {@code jobIds}, reports, and returns the exit status; throws when some never completed. */
    int awaitJobs(CompletionWatcher watcher, Collection<String> jobIds, Duration timeout) {
        Progress progress = Progress.start(err, "jobs completed", jobIds.size());
        AwaitResult r = watcher.awaitJobs(jobIds, timeout, c -> onEach(progress, c));
        progress.finish();
        return report(r, jobIds.size(), timeout);
    }

    /** Waits for the next {@code count} completions, reports, and returns the exit status. */
    int awaitCount(CompletionWatcher watcher, int count, Duration timeout) {
        Progress progress = Progress.start(err, "jobs completed", count);
        AwaitResult r = watcher.awaitCount(count, timeout, c -> onEach(progress, c));
        progress.finish();
        return report(r, count, timeout);
    }

    private void onEach(Progress progress, Completion c) {
        progress.step();
        if (c.event().getStatus() != JobStatus.SUCCEEDED) {
            progress.note("last failure: " + c.event().getError().getCode());
        }
    }

    private int report(AwaitResult r, int expected, Duration timeout) {
        List<PromptCompleted> events =
                r.completions().stream().map(Completion::event).toList();
        int missing = expected - events.size();
        CompletionSummary summary = CompletionSummary.of(events, missing);
        out.print(SummaryTables.render(summary));
        printFailures(events);
        out.flush();
        if (downloadDir != null) {
            download(events);
        }
        if (r.timedOut()) {
            throw new VpClientException("timed out after " + Durations.format(timeout) + ": " + missing + " of "
                    + expected + " jobs did not complete"
                    + (r.missing().isEmpty()
                            ? ""
                            : " (first: " + r.missing().iterator().next() + ")"));
        }
        return summary.failed() == 0 ? ALL_SUCCEEDED : SOME_FAILED;
    }

    private void printFailures(List<PromptCompleted> events) {
        List<PromptCompleted> failed = events.stream()
                .filter(e -> e.getStatus() != JobStatus.SUCCEEDED)
                .toList();
        if (failed.isEmpty()) {
            return;
        }
        out.println();
        out.println("failed jobs" + (failed.size() > FAILURES_LISTED ? " (first " + FAILURES_LISTED + ")" : "") + ":");
        failed.stream()
                .limit(FAILURES_LISTED)
                .forEach(e -> out.println("  " + e.getJobId() + "  "
                        + (e.getError() == null
                                ? "UNKNOWN"
                                : e.getError().getCode() + "  " + e.getError().getMessage())));
    }

    private void download(List<PromptCompleted> events) {
        ResultDownloader downloader = ResultDownloader.of(s3, connection);
        Progress progress = Progress.start(err, "jobs downloaded", events.size());
        int files = 0;
        for (PromptCompleted e : events) {
            files += downloader.download(e, downloadDir).size();
            progress.step();
        }
        progress.finish();
        out.println();
        out.println("downloaded " + files + " files into " + downloadDir.toAbsolutePath());
        out.flush();
    }
}
