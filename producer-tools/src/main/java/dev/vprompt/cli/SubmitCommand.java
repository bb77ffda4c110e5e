package dev.vprompt.cli;

import dev.vprompt.cli.console.Progress;
import dev.vprompt.cli.input.FolderInputs;
import dev.vprompt.cli.input.JobPreparer;
import dev.vprompt.cli.input.LocalJob;
import dev.vprompt.cli.input.ManifestReader;
import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.cli.options.JobOptions;
import dev.vprompt.client.CompletionWatcher;
import dev.vprompt.client.Connection;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobSubmitter;
import dev.vprompt.client.KafkaCheck;
import dev.vprompt.client.StartPosition;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.PromptJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vp submit}: upload local images, produce one PromptJob per query, optionally wait for the results. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Uploads local images and submits one PromptJob per query image.",
            "",
            "Images go to S3 under content-addressed keys (each distinct file once). The",
            "job ids are printed on stdout, one per line. With --wait it waits for their",
            "completion events (progress on stderr) and prints a summary; --download",
            "also fetches the results into DIR/<jobId>/.",
            "",
            "Folder layout (--examples + --queries); every job gets all example pairs,",
            "pairs match by file name, ground truth is optional (the worker scores it):",
            "  examples/input/cat.png    examples/output/cat.png",
            "  queries/input/q1.png      queries/output/q1.png",
            "  (queries/ may also hold the query images directly)",
            "",
            "Manifest (--manifest): JSON lines; paths are relative to the manifest",
            "or s3://bucket/key; optional per line: jobId task layout ensemble",
            "priority attributes.",
            "  {\"query\":\"q1.png\",\"groundTruth\":\"q1_mask.png\",",
            "   \"examples\":[{\"input\":\"cat.png\",\"output\":\"cat_mask.png\"}]}",
            "  (one job per line in the file)",
            "",
            "Examples:",
            "  ./vp submit --examples data/examples --queries data/queries --wait",
            "  ./vp submit --manifest jobs.jsonl --priority 5 --prefix run-7",
            "  ./vp submit --examples ex --queries q --wait --download out/",
            "  ./vp submit --manifest jobs.jsonl | ./vp await --job-ids-from -",
            "",
            "Exit status: 0 submitted (with --wait: all succeeded), 1 error or",
            "timeout, 2 some jobs failed.",
            ""
        })
final class SubmitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--examples", paramLabel = "DIR", description = "folder with input/ and output/ example pairs")
    Path examples;

    @Option(names = "--queries", paramLabel = "DIR", description = "folder of query images (input/, output/)")
    Path queries;

    @Option(names = "--manifest", paramLabel = "FILE", description = "JSON-lines manifest, one job per line")
    Path manifest;

    @Option(names = "--wait", description = "wait for the completions and print a summary")
    boolean waitForCompletion;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "with --wait: give up after this long (default 5m)")
    Duration timeout = Duration.ofMinutes(5);

    @Option(
            names = "--download",
            paramLabel = "DIR",
            description = "with --wait: download each job's results into DIR/<jobId>/")
    Path download;

    @Mixin
    JobOptions job;

    @Mixin
    ConnectionOptions connectionOptions;

    @Override
    public Integer call() {
        List<LocalJob> local = readInputs();
        Connection c = connectionOptions.connection();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (waitForCompletion) {
            KafkaCheck.requireTopics(c, c.jobsTopic(), c.completionsTopic());
        } else {
            KafkaCheck.requireTopics(c, c.jobsTopic());
        }
        try (S3ClientFactory s3 = c.s3()) {
            ImageUploader uploader = ImageUploader.of(s3.client(), c);
            uploader.checkBucket();
            int files = JobPreparer.localFiles(local).size();
            Progress uploads = Progress.start(err, "images uploaded", files);
            List<PromptJob> jobs = new JobPreparer(uploader, job.template(c)).prepare(local, uploads::update);
            uploads.finish();
            if (!waitForCompletion) {
                submit(c, jobs, out);
                return 0;
            }
            // the watcher fixes its start offsets before the first job is produced: no completion can be missed
            try (CompletionWatcher watcher = CompletionWatcher.open(c, StartPosition.end())) {
                List<String> ids = submit(c, jobs, out);
                return new CompletionReport(out, err, download, s3.client(), c).awaitJobs(watcher, ids, timeout);
            }
        }
    }

    private List<LocalJob> readInputs() {
        if (download != null && !waitForCompletion) {
            throw new IllegalArgumentException("--download needs --wait");
        }
        if (manifest != null && (examples != null || queries != null)) {
            throw new IllegalArgumentException("give either --manifest or --examples with --queries, not both");
        }
        if (manifest != null) {
            return ManifestReader.read(manifest);
        }
        if (examples == null || queries == null) {
            throw new IllegalArgumentException("give --examples DIR and --queries DIR, or --manifest FILE");
        }
        return FolderInputs.read(examples, queries);
    }

    private static List<String> submit(Connection c, List<PromptJob> jobs, PrintWriter out) {
        List<String> ids;
        try (JobSubmitter submitter = JobSubmitter.open(c)) {
            ids = submitter.submitAll(jobs);
        }
        ids.forEach(out::println);
        out.flush();
        return ids;
    }
}
