package dev.vprompt.cli;

import dev.vprompt.cli.input.JobInputException;
import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.Durations;
import dev.vprompt.client.StartPosition;
import dev.vprompt.client.s3.S3ClientFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vp await}: wait for completion events of given jobs (or the next N) and summarise them. */
@Command(
        name = "await",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Waits for the completions of given jobs (or the next N).",
            "",
            "Shows a progress bar on stderr, then prints a table per status (SUCCEEDED,",
            "FAILED by error code), mean per-stage timings and scores on stdout;",
            "--download fetches each job's results into DIR/<jobId>/. Job ids are",
            "looked for from the beginning of the completions topic (see --since), so",
            "jobs that finished before vp await started are found too.",
            "",
            "Examples:",
            "  ./vp await --job-id cat-1a2b3c4d --job-id dog-5e6f7a8b --download out/",
            "  ./vp submit --manifest jobs.jsonl | ./vp await --job-ids-from -",
            "  ./vp await --count 100            # the next 100 completions of any job",
            "  ./vp await --job-ids-from ids.txt --since 2h --timeout 10m",
            "",
            "Exit status: 0 all succeeded, 1 error or timeout, 2 some jobs failed.",
            ""
        })
final class AwaitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--job-id",
            paramLabel = "ID",
            split = ",",
            description = "a job to wait for; repeatable or comma separated")
    List<String> jobIds = new ArrayList<>();

    @Option(
            names = "--job-ids-from",
            paramLabel = "FILE",
            description = "read job ids, one per line, from FILE ('-' for stdin, e.g. piped from vp submit)")
    String jobIdsFrom;

    @Option(names = "--count", paramLabel = "N", description = "wait for the next N completions of any job")
    Integer count;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "where to start reading: 'beginning', 'now', or a duration ago such as 2h "
                    + "(default: beginning for job ids, now for --count)")
    String since;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "give up after this long (default 5m)")
    Duration timeout = Duration.ofMinutes(5);

    @Option(
            names = "--download",
            paramLabel = "DIR",
            description = "download each completed job's results into DIR/<jobId>/")
    Path download;

    @Mixin
    ConnectionOptions connectionOptions;

    @Override
    public Integer call() throws IOException {
        Set<String> ids = collectIds();
        if (ids.isEmpty() == (count == null)) {
            throw new IllegalArgumentException("give job ids (--job-id, --job-ids-from) or --count N, not both");
        }
        if (count != null && count < 1) {
            throw new IllegalArgumentException("--count must be >= 1");
        }
        StartPosition from = startPosition(ids.isEmpty() ? StartPosition.end() : StartPosition.beginning());
        Connection c = connectionOptions.connection();
        PrintWriter out = spec.commandLine().getOut();
        try (CompletionWatcher watcher = CompletionWatcher.open(c, from);
                S3ClientFactory s3 = c.s3()) {
            CompletionReport report =
                    new CompletionReport(out, spec.commandLine().getErr(), download, s3.client(), c);
            return ids.isEmpty() ? report.awaitCount(watcher, count, timeout) : report.awaitJobs(watcher, ids, timeout);
        }
    }

    private Set<String> collectIds() throws IOException {
        Set<String> ids = new LinkedHashSet<>();
        jobIds.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        if (jobIdsFrom != null) {
            List<String> lines;
            if (jobIdsFrom.equals("-")) {
                lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .lines()
                        .toList();
            } else {
                Path file = Path.of(jobIdsFrom);
                if (!Files.isRegularFile(file)) {
                    throw new JobInputException("no such file: " + file);
                }
                lines = Files.readAllLines(file);
            }
            lines.stream()
                    .map(String::trim)
                    .filter(s -> !s.isEmpty() && !s.startsWith("#"))
                    .forEach(ids::add);
            if (lines.isEmpty()) {
                throw new JobInputException("no job ids in " + (jobIdsFrom.equals("-") ? "stdin" : jobIdsFrom));
            }
        }
        return ids;
    }

    private StartPosition startPosition(StartPosition dflt) {
        if (since == null) {
            return dflt;
        }
        return switch (since.trim().toLowerCase(Locale.ROOT)) {
            case "beginning" -> StartPosition.beginning();
            case "now" -> StartPosition.end();
            default -> StartPosition.since(Instant.now().minus(Durations.parse(since)));
        };
    }
}
