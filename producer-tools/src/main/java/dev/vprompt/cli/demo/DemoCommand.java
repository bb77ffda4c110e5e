package dev.vprompt.cli.demo;

import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.cli.deployment.InProcessDeployment;
import dev.vprompt.cli.deployment.JobStream;
import dev.vprompt.cli.options.InProcessWorkerOptions;
import dev.vprompt.cli.report.HtmlReport;
import dev.vprompt.cli.report.JobEntry;
import dev.vprompt.cli.report.RunSummary;
import dev.vprompt.cli.report.SummaryJson;
import dev.vprompt.client.Completion;
import dev.vprompt.client.Connection;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.ResultDownloader;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.infer.ModelIdentity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vp demo}: starts Kafka, S3 and a worker in this process, streams procedurally generated prompts through
 * them and writes an HTML report. The first line of standard output (and of the report) says when the model is
 * untrained; the last line is the report's absolute path. Exit 0 when every job succeeded, 1 otherwise (the report
 * is written either way).
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Runs the whole pipeline in this process and writes an HTML report: embedded Kafka + S3, a worker,",
            "segmentation / detection / colorization prompts on procedural scenes and the paper's synthetic",
            "colour / shape / size tasks. No downloads, no Docker.",
            "",
            "Examples:",
            "  ./vp demo",
            "  ./vp demo --jobs 48 --summary-json target/vp-demo/summary.json",
            "  ./vp demo --model checkpoint-1000.pth"
        })
public final class DemoCommand implements Callable<Integer> {

    /** Default number of jobs: a few dozen, enough for every kind and some batching, quick on a laptop CPU. */
    public static final int DEFAULT_JOBS = 24;

    /** Seed of the generated pictures by default. */
    public static final long DEFAULT_SEED = 1;

    /** Where the report goes by default, relative to the working directory. */
    public static final String DEFAULT_OUT = "target/vp-demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--jobs", paramLabel = "N", description = "number of jobs (default ${DEFAULT-VALUE})")
    int jobs = DEFAULT_JOBS;

    @Mixin
    InProcessWorkerOptions worker;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (default ${DEFAULT-VALUE})")
    Path out = Path.of(DEFAULT_OUT);

    @Option(
            names = "--summary-json",
            paramLabel = "FILE",
            description = "also write job counts by status, mean scores and jobs/s as JSON")
    Path summaryJson;

    @Option(names = "--seed", description = "seed of the generated pictures (default ${DEFAULT-VALUE})")
    long seed = DEFAULT_SEED;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "give up when no job completed for this long (default 5m)")
    Duration stallTimeout = Duration.ofMinutes(5);

    @Option(names = "--verbose", description = "show the worker's and servers' INFO logs")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) {
            throw new IllegalArgumentException("--jobs must be >= 1, was " + jobs);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LogLevels.quietUnless(verbose);
        err.println("vp demo: starting Kafka, S3 and a worker in this process (" + worker.modelLabel() + ")...");
        err.flush();
        try (InProcessDeployment deployment = InProcessDeployment.start(worker.settings())) {
            ModelIdentity identity = deployment.model();
            if (!identity.meaningful()) {
                stdout.println(HtmlReport.UNTRAINED_WARNING
                        + " (randomly initialised MAE-VQGAN; leave --model out for the trained built-in model)");
                stdout.flush();
            }
            return runJobs(deployment, identity, stdout, err);
        }
    }

    private int runJobs(InProcessDeployment deployment, ModelIdentity identity, PrintWriter stdout, PrintWriter err)
            throws Exception {
        Connection c = deployment.connection();
        Path dir = out.toAbsolutePath().normalize();
        List<DemoCase> cases = DemoData.cases(jobs, seed);
        try (S3ClientFactory s3 = c.s3()) {
            err.println("vp demo: generating and uploading " + jobs + " prompts...");
            err.flush();
            DemoJobs demoJobs = new DemoJobs(ImageUploader.of(s3.client(), c), c.resultsBucket(), "vp-demo");
            List<PromptJob> prompts = new ArrayList<>();
            for (DemoCase dc : cases) {
                prompts.add(demoJobs.job(dc));
            }
            JobStream.Result result = JobStream.run(c, prompts, stallTimeout, err, x -> {});
            DemoResults results = new DemoResults(ResultDownloader.of(s3.client(), c), dir);
            List<JobEntry> entries = new ArrayList<>();
            for (DemoCase dc : cases) {
                Completion done = result.completions().get(dc.id());
                entries.add(results.collect(dc, done));
            }
            String modelText = identity.describe();
            RunSummary summary = RunSummary.of(entries, result.wallSeconds(), modelText, identity.meaningful());
            Path index = new HtmlReport().write(dir, "vprompt demo: " + jobs + " jobs", summary, entries);
            if (summaryJson != null) {
                SummaryJson.write(summary, index, summaryJson);
            }
            printSummary(stdout, summary);
            stdout.println("report: " + index);
            stdout.flush();
            return summary.succeeded() == summary.jobs() ? 0 : 1;
        }
    }

    private static void printSummary(PrintWriter out, RunSummary s) {
        out.printf(
                Locale.ROOT,
                "%d jobs: %s in %.1f s (%.2f jobs/s), mean batch size %.2f%n",
                s.jobs(),
                s.byStatus(),
                s.wallSeconds(),
                s.jobsPerSecond(),
                s.meanBatchSize());
        s.meanScores().forEach((label, scores) -> {
            StringBuilder sb = new StringBuilder("  " + label + ":");
            scores.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.4f", k, v)));
            out.println(sb);
        });
    }
}
