package dev.vprompt.cli.eval;

import dev.vprompt.cli.deployment.JobStream;
import dev.vprompt.client.Connection;
import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.s3.S3ClientFactory;
import dev.vprompt.schemas.JobStatus;
import dev.vprompt.schemas.ModelInfo;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.worker.infer.ModelIdentity;
import dev.vprompt.worker.infer.ModelRuntime;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an {@link EvalSuite} through a deployment, one split at a time: uploads and submits the split's episodes,
 * scores each completion as it arrives, and aggregates the split. Job ids and result keys carry a random run id, so
 * runs against a shared deployment never collide. It remembers which model answered (from the completions).
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class EvalRunner {

    private static final Logger LOGGER = LoggerFactory.getLogger(EvalRunner.class);

    /** Error code counted for an episode whose job succeeded but whose scoring threw. */
    public static final String SCORING_FAILED = "SCORING_FAILED";

    private final Connection connection;
    private final Duration stallTimeout;
    private final PrintWriter err;
    private ModelInfo model;

    public EvalRunner(Connection connection, Duration stallTimeout, PrintWriter err) {
        this.connection = connection;
        this.stallTimeout = stallTimeout;
        this.err = err;
    }

    /** Evaluates every split of {@code suite}. */
    public List<SplitResult> run(EvalSuite suite) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<SplitResult> results = new ArrayList<>();
        try (S3ClientFactory s3 = connection.s3()) {
            ImageUploader uploader = ImageUploader.of(s3.client(), connection);
            uploader.checkBucket();
            for (String split : suite.splits()) {
                err.println("vp eval: " + suite.name() + " " + split + ": preparing episodes...");
                err.flush();
                String idPrefix = "eval-" + run + "-" + split;
                List<PromptJob> jobs =
                        suite.jobs(split, uploader, connection.resultsBucket(), "vp-eval/" + run, idPrefix);
                List<Map<String, Double>> scores = new ArrayList<>();
                Map<String, Integer> failures = new TreeMap<>();
                JobStream.Result r = JobStream.run(connection, jobs, stallTimeout, err, c -> {
                    if (model == null) {
                        model = c.event().getModel();
                    }
                    if (c.event().getStatus() != JobStatus.SUCCEEDED) {
                        String code = c.event().getError() == null
                                ? "UNKNOWN"
                                : c.event().getError().getCode();
                        failures.merge(code, 1, Integer::sum);
                        return;
                    }
                    try {
                        int episode = Integer.parseInt(c.jobId().substring(idPrefix.length() + 1));
                        scores.add(suite.score(split, episode, c, s3.client()));
                    } catch (Exception e) {
                        failures.merge(SCORING_FAILED, 1, Integer::sum);
                        LOGGER.warn("cannot score {}: {}", c.jobId(), e.toString());
                    }
                });
                if (!failures.isEmpty()) {
                    err.println("vp eval: " + split + ": failed episodes by code " + failures);
                }
                int failed =
                        failures.values().stream().mapToInt(Integer::intValue).sum();
                results.add(SplitResult.of(
                        split, suite.metrics(), jobs.size(), failed, r.missing().size(), scores));
            }
        }
        return results;
    }

    /** The model that answered, as the first completion reported it; null before any completion arrived. */
    public ModelInfo model() {
        return model;
    }

    /**
     * Whether a reported model carries information: weights from a checkpoint file, not the worker's random or null
     * model. Version-1 events (no {@code name}) said so only through {@code sha256}.
     */
    public static boolean meaningful(ModelInfo m) {
        if (m == null) {
            return false;
        }
        if (!m.getName().isEmpty()) {
            return m.getCheckpointSha256() != null;
        }
        return !m.getSha256().equals("random-seed-" + ModelRuntime.RANDOM_SEED)
                && !m.getSha256().equals(ModelIdentity.NULL_MODEL);
    }

    /** The reported weights for a report line: name and checkpoint hash, or the version-1 sha256 field. */
    public static String weights(ModelInfo m) {
        if (m.getName().isEmpty()) {
            return m.getSha256();
        }
        return m.getName() + (m.getCheckpointSha256() == null ? "" : ", sha256 " + m.getCheckpointSha256());
    }
}
