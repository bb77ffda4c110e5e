package dev.vprompt.cli;

import dev.vprompt.cli.console.Progress;
import dev.vprompt.cli.input.FolderInputs;
import dev.vprompt.cli.input.ImageSource;
import dev.vprompt.cli.input.JobInputException;
import dev.vprompt.cli.input.LocalJob;
import dev.vprompt.cli.load.LoadGenerator;
import dev.vprompt.cli.load.LoadReport;
import dev.vprompt.cli.load.LoadSettings;
import dev.vprompt.cli.load.SyntheticImages;
import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.cli.options.JobOptions;
import dev.vprompt.client.Connection;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.client.KafkaCheck;
import dev.vprompt.client.VpClientException;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vp loadgen}: offer a fixed rate or concurrency of jobs, report throughput and latency percentiles. */
@Command(
        name = "loadgen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load test: a fixed rate or concurrency; reports jobs/s, latency.",
            "",
            "Open loop (--rate) submits R jobs per second whatever happens; closed loop",
            "(--concurrency) keeps C jobs in flight, a new one as each completes. After",
            "--warmup it measures for --duration: throughput (completions per second of",
            "the window), end-to-end latency p50/p95/p99/max on this client's clock (just",
            "before produce -> completion event), mean batch size, failures by code.",
            "Every job uses one example set, uploaded once: --examples + --query, or",
            "generated images when omitted. A worker must be running.",
            "",
            "Examples:",
            "  ./vp loadgen --concurrency 16 --duration 60s",
            "  ./vp loadgen --rate 50/s --duration 2m --warmup 10s --json report.json",
            "  ./vp loadgen --concurrency 8 --json - | jq .latencyMs.p99",
            "  ./vp loadgen --rate 20 --examples data/examples --query data/q1.png",
            ""
        })
final class LoadgenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Load load;

    /** Exactly one of the two modes. */
    static final class Load {
        @Option(names = "--rate", paramLabel = "R[/s]", description = "offer R jobs per second (open loop)")
        String rate;

        @Option(names = "--concurrency", paramLabel = "C", description = "keep C jobs in flight (closed loop)")
        Integer concurrency;
    }

    @Option(names = "--duration", paramLabel = "DURATION", description = "measurement window (default 30s)")
    Duration duration = LoadSettings.DEFAULT_DURATION;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "unmeasured load before it (default 5s)")
    Duration warmup = LoadSettings.DEFAULT_WARMUP;

    @Option(
            names = "--drain-timeout",
            paramLabel = "DURATION",
            description = "wait this long after the window for its jobs' completions (default 30s)")
    Duration drainTimeout = LoadSettings.DEFAULT_DRAIN_TIMEOUT;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "also write the report as JSON to FILE; '-' writes it to stdout (the table goes to stderr)")
    String json;

    @Option(names = "--examples", paramLabel = "DIR", description = "example pairs (input/, output/) for every job")
    Path examples;

    @Option(names = "--query", paramLabel = "FILE", description = "the query image of every job")
    Path query;

    @Mixin
    JobOptions job;

    @Mixin
    ConnectionOptions connectionOptions;

    @Override
    public Integer call() throws IOException {
        LoadSettings settings = settings();
        if ((examples == null) != (query == null)) {
            throw new IllegalArgumentException("give --examples and --query together, or neither (generated images)");
        }
        Connection c = connectionOptions.connection();
        KafkaCheck.requireTopics(c, c.jobsTopic(), c.completionsTopic());
        PrintWriter err = spec.commandLine().getErr();
        JobTemplate template = job.template(c);
        List<ExamplePair> pairs = new ArrayList<>();
        ObjectRef queryRef;
        try (S3ClientFactory s3 = c.s3()) {
            ImageUploader uploader = ImageUploader.of(s3.client(), c);
            uploader.checkBucket();
            queryRef = upload(uploader, pairs);
        }
        LoadProgress progress = new LoadProgress(err);
        LoadReport report =
                new LoadGenerator(c, settings, (id, now) -> template.job(id, pairs, queryRef, null, now)).run(progress);
        progress.finish();
        print(report);
        if (report.completed() == 0) {
            throw new VpClientException(
                    "no job completed: is a worker consuming " + c.jobsTopic() + " at " + c.bootstrap() + "?");
        }
        return 0;
    }

    private LoadSettings settings() {
        if (load.concurrency != null) {
            return new LoadSettings(LoadSettings.Mode.CONCURRENCY, 0, load.concurrency, warmup, duration, drainTimeout);
        }
        return new LoadSettings(LoadSettings.Mode.RATE, parseRate(load.rate), 0, warmup, duration, drainTimeout);
    }

    static double parseRate(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
        }
        try {
            return Double.parseDouble(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate: not a rate: '" + text + "' (use e.g. 50 or 50/s)");
        }
    }

    private ObjectRef upload(ImageUploader uploader, List<ExamplePair> pairs) {
        if (examples == null) {
            pairs.add(JobTemplate.pair(
                    uploader.upload(SyntheticImages.photo(160, 120, 1), "png"),
                    uploader.upload(SyntheticImages.mask(160, 120, 1), "png")));
            return uploader.upload(SyntheticImages.photo(140, 150, 2), "png");
        }
        if (!Files.isRegularFile(query)) {
            throw new JobInputException("no such file: " + query);
        }
        for (LocalJob.Pair p : FolderInputs.examplePairs(examples)) {
            pairs.add(JobTemplate.pair(
                    uploader.upload(((ImageSource.Local) p.input()).file()),
                    uploader.upload(((ImageSource.Local) p.output()).file())));
        }
        return uploader.upload(query);
    }

    /** Draws the run on a progress bar created at the first snapshot, so its clock starts with the load. */
    private static final class LoadProgress implements LoadGenerator.Listener {
        private final PrintWriter err;
        private Progress bar;

        LoadProgress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void onProgress(LoadGenerator.Snapshot s) {
            if (bar == null) {
                long seconds = (long) Math.ceil(s.plannedSeconds());
                bar = new Progress(err, "s", seconds, Progress.stderrIsTerminal(), false, System::nanoTime);
            }
            bar.note(s.phase() + "  " + s.submitted() + " submitted  " + s.completed() + " completed"
                    + (s.failed() > 0 ? "  " + s.failed() + " failed" : ""));
            bar.update((long) Math.min(s.elapsedSeconds(), s.plannedSeconds()));
        }

        void finish() {
            if (bar != null) {
                bar.finish();
            }
        }
    }

    private void print(LoadReport report) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if ("-".equals(json)) {
            spec.commandLine().getErr().print(report.toTable());
            spec.commandLine().getErr().flush();
            out.print(report.toJson());
        } else {
            out.print(report.toTable());
            if (json != null) {
                Files.writeString(Path.of(json), report.toJson());
                out.println("report written to " + json);
            }
        }
        out.flush();
    }
}
