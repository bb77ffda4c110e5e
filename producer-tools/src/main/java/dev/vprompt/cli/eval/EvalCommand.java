package dev.vprompt.cli.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vprompt.cli.client.Completion;
import dev.vprompt.cli.client.Connection;
import dev.vprompt.cli.client.ConnectionOptions;
import dev.vprompt.cli.client.ImageUploader;
import dev.vprompt.cli.demo.InProcessDeployment;
import dev.vprompt.cli.demo.JobStream;
import dev.vprompt.cli.demo.Logs;
import dev.vprompt.cli.demo.report.HtmlReport;
import dev.vprompt.embedded.client.S3ClientFactory;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.infer.ModelIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vp eval}: the paper's evaluation protocol streamed through a worker, one split at a time (a Pascal-5i fold,
 * a synthetic task), mean official scores per split as a table and optionally JSON. By default it starts Kafka, S3
 * and a worker in this process; with {@code --bootstrap} or {@code --s3-endpoint} it uses that running deployment.
 * Exit 0 when every episode was scored, 1 otherwise (the table is printed either way).
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluates the served model with the paper's protocol, streamed through a worker.",
            "",
            "  pascal:    Pascal-5i one-shot segmentation, --episodes (1000) per fold, support of the query's class",
            "             drawn as the official code draws it (numpy seed --seed), official IoU, mean per fold.",
            "             --root DIR holds VOCdevkit/VOC2012/{JPEGImages,SegmentationClassAug} and",
            "             splits/pascal/val/fold0..3.txt (the official evaluate/splits; or pass --splits DIR);",
            "             --generate N writes a small Pascal-shaped set of generated pictures (N per class) instead.",
            "  synthetic: the paper's synthetic colour / shape / size tasks, generated as the official code does,",
            "             --episodes (100) per task on the 3x2 canvas, official synthetic IoU.",
            "",
            "Examples:",
            "  ./vp eval --dataset pascal --root /data/pascal --splits visual_prompting/evaluate/splits/pascal/val",
            "  ./vp eval --dataset pascal --generate 3 --episodes 20 --fold 0 --json -",
            "  ./vp eval --dataset synthetic --task color,shape --episodes 20",
            "  ./vp eval --dataset pascal --root /data/pascal --bootstrap kafka:9092 --s3-endpoint http://minio:9000"
        })
public final class EvalCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(EvalCommand.class);

    /** The data sets {@code vp eval} knows. */
    public enum Dataset {
        pascal,
        synthetic
    }

    static final int DEFAULT_PASCAL_EPISODES = 1000;
    static final int DEFAULT_SYNTHETIC_EPISODES = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connectionOptions;

    @Option(names = "--dataset", description = "pascal or synthetic (default ${DEFAULT-VALUE})")
    Dataset dataset = Dataset.pascal;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "the Pascal-5i folder (with --generate: where to write it)")
    Path root;

    @Option(names = "--splits", paramLabel = "DIR", description = "folder of fold0.txt .. fold3.txt (val lists)")
    Path splits;

    @Option(
            names = "--generate",
            paramLabel = "N",
            description = "evaluate on a generated Pascal-shaped set with N pictures per class (in a temp folder "
                    + "unless --root is given)")
    Integer generate;

    @Option(names = "--fold", paramLabel = "FOLDS", description = "folds: 0, 0,2 or 0..3 (default ${DEFAULT-VALUE})")
    String folds = "0..3";

    @Option(
            names = "--task",
            paramLabel = "TASKS",
            description = "synthetic tasks: all or a list of color, size, shape, size_color, size_shape, shape_color")
    String tasks = "all";

    @Option(names = "--episodes", paramLabel = "N", description = "episodes per split (pascal 1000, synthetic 100)")
    Integer episodes;

    @Option(names = "--seed", description = "numpy seed of the episode sampling (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON ('-' for stdout)")
    String json;

    @Option(names = "--model", paramLabel = "PATH", description = "in-process worker: checkpoint (default random)")
    String model;

    @Option(names = "--config", paramLabel = "JSON", description = "in-process worker: architecture of --model")
    String modelConfig;

    @Option(names = "--batch-size", paramLabel = "N", description = "in-process worker: maximum batch size")
    int batchSize = InProcessDeployment.Settings.DEFAULT_MAX_BATCH_SIZE;

    @Option(names = "--batch-delay", paramLabel = "DURATION", description = "in-process worker: maximum batch delay")
    Duration batchDelay = InProcessDeployment.Settings.DEFAULT_MAX_BATCH_DELAY;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "give up on a split when no episode completed for this long (default 10m)")
    Duration stallTimeout = Duration.ofMinutes(10);

    @Option(names = "--verbose", description = "show the worker's and servers' INFO logs")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Logs.quietUnless(verbose);
        List<String> splitNames = splitNames();
        int perSplit = episodes != null
                ? episodes
                : dataset == Dataset.pascal ? DEFAULT_PASCAL_EPISODES : DEFAULT_SYNTHETIC_EPISODES;
        if (perSplit < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, was " + perSplit);
        }
        Path generated = null;
        try {
            PascalDataset pascal = null;
            if (dataset == Dataset.pascal) {
                if (generate != null) {
                    generated = root == null ? Files.createTempDirectory("vp-eval-pascal-") : null;
                    Path into = root != null ? root : generated;
                    PascalGenerator.write(into, generate, seed);
                    pascal = PascalDataset.open(into, splits);
                } else if (root == null) {
                    throw new IllegalArgumentException("--dataset pascal needs --root DIR or --generate N");
                } else {
                    pascal = PascalDataset.open(root, splits);
                }
            }
            return run(pascal, splitNames, perSplit);
        } finally {
            if (generated != null) {
                deleteTree(generated);
            }
        }
    }

    private int run(PascalDataset pascal, List<String> splitNames, int perSplit) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var parse = spec.commandLine().getParseResult();
        if (parse.hasMatchedOption("--bootstrap") || parse.hasMatchedOption("--s3-endpoint")) {
            Connection c = connectionOptions.connection();
            err.println("vp eval: using the deployment at " + c.bootstrap() + " / " + c.s3Endpoint());
            return evaluate(c, pascal, splitNames, perSplit, "the deployment's model", true);
        }
        err.println("vp eval: starting Kafka, S3 and a worker in this process ("
                + (model == null ? "random model" : model) + ")...");
        err.flush();
        InProcessDeployment.Settings settings = InProcessDeployment.Settings.defaults()
                .withModel(model, modelConfig)
                .withBatching(batchSize, batchDelay);
        try (InProcessDeployment d = InProcessDeployment.start(settings)) {
            ModelIdentity id = d.model();
            if (!id.meaningful()) {
                out.println(HtmlReport.UNTRAINED_WARNING + " (randomly initialised MAE-VQGAN; pass --model PATH)");
                out.flush();
            }
            return evaluate(
                    d.connection(), pascal, splitNames, perSplit, id.id() + " (" + id.sha256() + ")", id.meaningful());
        }
    }

    private int evaluate(
            Connection c,
            PascalDataset pascal,
            List<String> splitNames,
            int perSplit,
            String modelText,
            boolean meaningful)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<SplitResult> results = new ArrayList<>();
        try (S3ClientFactory s3 = c.s3()) {
            ImageUploader uploader = ImageUploader.of(s3.client(), c);
            uploader.checkBucket();
            for (String split : splitNames) {
                err.println("vp eval: " + dataset + " " + split + ": preparing " + perSplit + " episodes...");
                err.flush();
                String prefix = "eval-" + run + "-" + split;
                String resultsPrefix = "vp-eval/" + run;
                if (dataset == Dataset.pascal) {
                    int fold = Integer.parseInt(split.substring("fold".length()));
                    List<PascalEpisodes.Episode> eps = PascalEpisodes.sample(pascal.fold(fold), perSplit, seed);
                    List<PromptJob> jobs =
                            new PascalEval(pascal, uploader, c.resultsBucket(), resultsPrefix).jobs(eps, prefix);
                    results.add(stream(c, split, jobs, err, PascalEval::scores));
                } else {
                    SyntheticEval syn =
                            SyntheticEval.sample(SyntheticTask.valueOf(split.toUpperCase(Locale.ROOT)), perSplit, seed);
                    List<PromptJob> jobs = syn.jobs(uploader, c.resultsBucket(), resultsPrefix, prefix);
                    results.add(stream(c, split, jobs, err, comp -> syn.score(index(comp, prefix), comp, s3.client())));
                }
            }
        }
        out.print(EvalReport.table(dataset.name(), results));
        out.flush();
        if (json != null) {
            ObjectNode node = EvalReport.json(dataset.name(), seed, perSplit, modelText, meaningful, results);
            if (json.equals("-")) {
                out.println(EvalReport.JSON.writeValueAsString(node));
                out.flush();
            } else {
                EvalReport.JSON.writeValue(Path.of(json).toFile(), node);
            }
        }
        boolean complete = results.stream().allMatch(r -> r.succeeded() == r.episodes());
        return complete ? 0 : 1;
    }

    /** Scores one completion; may throw (the episode then counts as failed). */
    private interface Scorer {
        SplitResult.EpisodeScores score(Completion c) throws Exception;
    }

    private SplitResult stream(Connection c, String split, List<PromptJob> jobs, PrintWriter err, Scorer scorer) {
        List<SplitResult.EpisodeScores> scores = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        JobStream.Result r = JobStream.run(c, jobs, stallTimeout, err, comp -> {
            if (comp.event().getStatus() != JobStatus.SUCCEEDED) {
                failures.merge(
                        comp.event().getError() == null
                                ? "UNKNOWN"
                                : comp.event().getError().getCode(),
                        1,
                        Integer::sum);
                return;
            }
            try {
                scores.add(scorer.score(comp));
            } catch (Exception e) {
                failures.merge("SCORING_FAILED", 1, Integer::sum);
                LOGGER.warn("cannot score {}: {}", comp.jobId(), e.toString());
            }
        });
        if (!failures.isEmpty()) {
            err.println("vp eval: " + split + ": failed episodes by code " + failures);
        }
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        return SplitResult.of(split, jobs.size(), failed, r.missing().size(), scores);
    }

    private static int index(Completion c, String prefix) {
        return Integer.parseInt(c.jobId().substring(prefix.length() + 1));
    }

    List<String> splitNames() {
        if (dataset == Dataset.pascal) {
            List<String> out = new ArrayList<>();
            for (int f : FoldList.parse(folds, PascalDataset.FOLDS)) {
                out.add("fold" + f);
            }
            return out;
        }
        if (tasks.equalsIgnoreCase("all")) {
            return Stream.of(SyntheticTask.values())
                    .map(t -> t.name().toLowerCase(Locale.ROOT))
                    .toList();
        }
        List<String> out = new ArrayList<>();
        for (String t : tasks.split(",")) {
            String name = t.trim().toLowerCase(Locale.ROOT);
            try {
                SyntheticTask.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown synthetic task '" + t.trim() + "' (known: "
                        + Stream.of(SyntheticTask.values())
                                .map(x -> x.name().toLowerCase(Locale.ROOT))
                                .toList() + ")");
            }
            out.add(name);
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOGGER.warn("cannot delete {}: {}", dir, e.toString());
        }
    }
}
