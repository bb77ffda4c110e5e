package dev.vprompt.cli.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vprompt.cli.console.LogLevels;
import dev.vprompt.cli.deployment.InProcessDeployment;
import dev.vprompt.cli.options.ConnectionOptions;
import dev.vprompt.cli.options.InProcessWorkerOptions;
import dev.vprompt.cli.report.HtmlReport;
import dev.vprompt.client.Connection;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.infer.ModelRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
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
 * {@code vp eval}: the paper's evaluation protocols streamed through a worker, one split at a time, mean official
 * scores per split as a table and optionally JSON. By default it starts Kafka, S3 and a worker in this process; with
 * {@code --bootstrap} or {@code --s3-endpoint} it uses that running deployment instead. Exit 0 when every episode was
 * scored, 1 otherwise (the table is printed either way).
 *
 * <p>Not thread-safe: picocli runs it once on the calling thread.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Evaluates the served model with the paper's protocols, streamed through a worker: by default an",
            "in-process Kafka + S3 + worker (--model, --batch-size, ...); with --bootstrap or --s3-endpoint (and the",
            "other connection flags or VP_* variables) the running deployment there.",
            "",
            "  pascal:       Pascal-5i one-shot segmentation: --episodes (1000) per fold, the support drawn from the",
            "                query's class as the official code draws it (numpy seed --seed), official IoU per fold.",
            "                --root DIR holds VOCdevkit/VOC2012/{JPEGImages,SegmentationClassAug} and",
            "                splits/pascal/val/fold0..3.txt (the official evaluate/splits; or pass --splits DIR).",
            "  synthetic:    the paper's synthetic colour / shape / size tasks, generated as the official code does",
            "                (numpy seed --seed): --episodes (100) per task on the 3x2 canvas, official synthetic IoU.",
            "  colorization: ImageNet val (--root DIR with val/<class>/*.JPEG): the official 1,000 episodes (the",
            "                official code fixes numpy's seed to 5), 111x111 centre crops, official MSE.",
            "  detection:    Pascal VOC 2012 single-object detection (--root DIR with VOCdevkit/VOC2012/{JPEGImages,",
            "                Annotations,ImageSets/Main}): every val image with one object under 20%% of its area",
            "                (or the first --episodes), a same-class support from train drawn as the official code",
            "                draws it (numpy seed --seed), box masks, bilinear 111x111 cells, official box IoU.",
            "                --flattened-set FILE reproduces the released code's image lookup exactly.",
            "  --generate N evaluates pascal, colorization or detection on generated pictures instead (N per class).",
            "",
            "Examples:",
            "  ./vp eval --dataset pascal --root /data/pascal --splits visual_prompting/evaluate/splits/pascal/val",
            "  ./vp eval --dataset pascal --generate 3 --episodes 20 --fold 0 --json -",
            "  ./vp eval --dataset synthetic --task color,shape --episodes 20",
            "  ./vp eval --dataset colorization --root /data/imagenet --model checkpoint-1000.pth",
            "  ./vp eval --dataset detection --root /data/pascal --model checkpoint-1000.pth --json det.json",
            "  ./vp eval --dataset pascal --root /data/pascal --bootstrap kafka:9092 --s3-endpoint http://minio:9000",
            "  ./vp eval --dataset pascal --generate 3 --episodes 20 --fold 0 --ensemble",
            "  ./vp eval --dataset synthetic --task color --examples 3 --retrieval pool"
        })
public final class EvalCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(EvalCommand.class);

    /** The protocols {@code vp eval} runs. */
    public enum Dataset {
        pascal,
        synthetic,
        colorization,
        detection
    }

    static final int DEFAULT_PASCAL_EPISODES = 1000;
    static final int DEFAULT_SYNTHETIC_EPISODES = 100;
    static final int DEFAULT_COLORIZATION_EPISODES = ColorizationEval.OFFICIAL_LENGTH;

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connectionOptions;

    @Option(
            names = "--dataset",
            description = "pascal, synthetic, colorization or detection (default ${DEFAULT-VALUE})")
    Dataset dataset = Dataset.pascal;

    @Option(names = "--root", paramLabel = "DIR", description = "the data set folder (with --generate: where to write)")
    Path root;

    @Option(names = "--splits", paramLabel = "DIR", description = "pascal: folder of fold0.txt .. fold3.txt")
    Path splits;

    @Option(
            names = "--flattened-set",
            paramLabel = "FILE",
            description = "detection: the official evaluate_detection/2012_val_flattened_set.pth, to look images up "
                    + "through it as the released code does (default: the filtered lists in order)")
    Path flattenedSet;

    @Option(
            names = "--generate",
            paramLabel = "N",
            description = "pascal / colorization / detection: evaluate on generated pictures, N per class (in a "
                    + "temporary folder "
                    + "unless --root is given)")
    Integer generate;

    @Option(
            names = "--fold",
            paramLabel = "FOLDS",
            description = "pascal folds: 0, 0,2 or 0..3 (default ${DEFAULT-VALUE})")
    String folds = "0..3";

    @Option(
            names = "--task",
            paramLabel = "TASKS",
            description = "synthetic tasks: all (default) or a list of color, size, shape, size_color, size_shape, "
                    + "shape_color")
    String tasks = "all";

    @Option(
            names = "--episodes",
            paramLabel = "N",
            description = "episodes per split (pascal 1000, synthetic 100, colorization 1000, detection: every "
                    + "filtered val image)")
    Integer episodes;

    @Option(
            names = "--seed",
            description = "numpy seed of pascal, synthetic and detection episodes (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON ('-' for stdout)")
    String json;

    @Option(
            names = "--ensemble",
            description = "pascal / synthetic: run the eight prompt-SelF arrangements of each 2x2 canvas and fuse the "
                    + "answers (synthetic: on 2x2 canvases, one support unless --examples)")
    boolean ensemble;

    @Option(
            names = "--examples",
            paramLabel = "K",
            description = "pascal / synthetic: example pairs per episode (default: the protocol's, 1 and 2); more than "
                    + "one on 2x2 canvases are fused (one canvas per pair)")
    Integer examples;

    @Option(
            names = "--retrieval",
            paramLabel = "FROM",
            description = "pascal / synthetic: random (default: supports drawn as the protocol draws them) or pool "
                    + "(the worker picks the K nearest pairs from a pool of the split's candidates, embedded with the "
                    + "model --model names)")
    AnswerOptions.Retrieval retrieval = AnswerOptions.Retrieval.random;

    @Mixin
    InProcessWorkerOptions worker;

    /** Built on first use by a suite that retrieves its examples from a pool. */
    private EvalPools pools;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            description = "give up on a split when no episode completed for this long (default 10m)")
    Duration stallTimeout = Duration.ofMinutes(10);

    @Option(names = "--verbose", description = "show the worker's and servers' INFO logs")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        LogLevels.quietUnless(verbose);
        Path generated = null;
        try {
            Path data = root;
            if (generate != null) {
                if (dataset == Dataset.synthetic) {
                    throw new IllegalArgumentException("--generate applies to pascal, colorization and detection");
                }
                generated = root == null ? Files.createTempDirectory("vp-eval-" + dataset + "-") : null;
                data = root != null ? root : generated;
                switch (dataset) {
                    case pascal -> PascalGenerator.write(data, generate, seed);
                    case detection -> VocGenerator.write(data, generate, seed);
                    default -> ImageNetGenerator.write(data, generate, seed);
                }
            }
            return run(suite(data));
        } finally {
            if (pools != null) {
                pools.close();
            }
            if (generated != null) {
                deleteTree(generated);
            }
        }
    }

    EvalSuite suite(Path data) {
        int n = episodes != null
                ? episodes
                : switch (dataset) {
                    case pascal -> DEFAULT_PASCAL_EPISODES;
                    case synthetic -> DEFAULT_SYNTHETIC_EPISODES;
                    case colorization -> DEFAULT_COLORIZATION_EPISODES;
                    case detection -> Integer.MAX_VALUE; // replaced by the filtered val split's length
                };
        if (n < 1) {
            throw new IllegalArgumentException("--episodes must be >= 1, was " + n);
        }
        if (flattenedSet != null && dataset != Dataset.detection) {
            throw new IllegalArgumentException("--flattened-set applies to --dataset detection only");
        }
        if (dataset != Dataset.synthetic && data == null) {
            throw new IllegalArgumentException("--dataset " + dataset + " needs --root DIR or --generate N");
        }
        AnswerOptions answers = answers();
        EvalPools pools = answers.retrieval() == AnswerOptions.Retrieval.pool ? pools() : null;
        return switch (dataset) {
            case pascal ->
                new PascalEval(
                        PascalDataset.open(data, splits),
                        FoldList.parse(folds, PascalDataset.FOLDS),
                        n,
                        seed,
                        answers,
                        pools);
            case synthetic -> new SyntheticEval(syntheticTasks(), n, seed, answers, pools);
            case colorization -> colorization(ImageNetFolder.open(data), n);
            case detection -> detection(VocDetectionSet.open(data));
        };
    }

    /** The answer options of the flags; only pascal and synthetic take them. */
    AnswerOptions answers() {
        AnswerOptions answers = new AnswerOptions(ensemble, examples, retrieval);
        if (!answers.official() && dataset != Dataset.pascal && dataset != Dataset.synthetic) {
            throw new IllegalArgumentException(
                    "--ensemble, --examples and --retrieval apply to --dataset pascal and " + "synthetic");
        }
        return answers;
    }

    private EvalPools pools() {
        if (pools == null) {
            try {
                pools = new EvalPools(ModelRuntime.create(worker.modelSettings(), null));
            } catch (Exception e) {
                throw new IllegalStateException(
                        "cannot load the model to embed the example pool: " + e.getMessage(), e);
            }
        }
        return pools;
    }

    private VocDetectionEval detection(VocDetectionSet set) {
        FlattenedSet flattened = flattenedSet == null ? null : FlattenedSet.read(flattenedSet);
        // parsing every annotation of both lists takes a few seconds on the real VOC 2012
        spec.commandLine().getErr().println("vp eval: reading the VOC annotations of train and val ...");
        spec.commandLine().getErr().flush();
        return new VocDetectionEval(set, episodes, seed, flattened);
    }

    /** Without --episodes, as many of the official 1,000 episodes as the folder allows. */
    private ColorizationEval colorization(ImageNetFolder folder, int n) {
        return new ColorizationEval(folder, episodes != null ? n : Math.min(n, folder.size() - 1));
    }

    private int run(EvalSuite suite) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var parse = spec.commandLine().getParseResult();
        if (parse.hasMatchedOption("--bootstrap") || parse.hasMatchedOption("--s3-endpoint")) {
            Connection c = connectionOptions.connection();
            err.println("vp eval: using the deployment at " + c.bootstrap() + " / " + c.s3Endpoint());
            EvalRunner runner = new EvalRunner(c, stallTimeout, err);
            List<SplitResult> results = runner.run(suite);
            ModelInfo m = runner.model();
            boolean meaningful = EvalRunner.meaningful(m);
            if (m != null && !meaningful) {
                out.println(HtmlReport.UNTRAINED_WARNING + " (the deployment serves " + EvalRunner.weights(m) + ")");
            }
            return report(
                    suite,
                    results,
                    m == null ? "unknown (no completion)" : m.getId() + " (" + EvalRunner.weights(m) + ")",
                    meaningful);
        }
        err.println("vp eval: starting Kafka, S3 and a worker in this process (" + worker.modelLabel() + ")...");
        err.flush();
        try (InProcessDeployment d = InProcessDeployment.start(worker.settings())) {
            ModelIdentity id = d.model();
            if (!id.meaningful()) {
                out.println(HtmlReport.UNTRAINED_WARNING
                        + " (randomly initialised MAE-VQGAN; leave --model out for the trained built-in model)");
                out.flush();
            }
            List<SplitResult> results = new EvalRunner(d.connection(), stallTimeout, err).run(suite);
            return report(suite, results, id.describe(), id.meaningful());
        }
    }

    private int report(EvalSuite suite, List<SplitResult> results, String modelText, boolean meaningful)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!answers().official()) {
            out.println("answers: " + answers().describe());
        }
        out.print(EvalReport.table(suite.name(), suite.metrics(), results));
        out.flush();
        if (json != null) {
            int perSplit = results.isEmpty() ? 0 : results.get(0).episodes();
            long usedSeed = dataset == Dataset.colorization ? ColorizationEval.OFFICIAL_SEED : seed;
            ObjectNode node =
                    EvalReport.json(suite.name(), usedSeed, perSplit, modelText, meaningful, suite.metrics(), results);
            node.put("answers", answers().describe());
            if (json.equals("-")) {
                out.println(EvalReport.JSON.writeValueAsString(node));
                out.flush();
            } else {
                EvalReport.JSON.writeValue(Path.of(json).toFile(), node);
            }
        }
        return results.stream().allMatch(r -> r.succeeded() == r.episodes()) ? 0 : 1;
    }

    List<SyntheticTask> syntheticTasks() {
        if (tasks.equalsIgnoreCase("all")) {
            return List.of(SyntheticTask.values());
        }
        List<SyntheticTask> out = new ArrayList<>();
        for (String t : tasks.split(",")) {
            try {
                out.add(SyntheticTask.valueOf(t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown synthetic task '" + t.trim() + "' (known: "
                        + Stream.of(SyntheticTask.values())
                                .map(x -> x.name().toLowerCase(Locale.ROOT))
                                .toList()
                        + ")");
            }
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
