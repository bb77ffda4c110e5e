package dev.vprompt.cli.eval;

import dev.vprompt.cli.client.Completion;
import dev.vprompt.cli.client.ImageUploader;
import dev.vprompt.cli.client.JobTemplate;
import dev.vprompt.cli.demo.SyntheticPairs;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.score.ScoringMode;
import dev.vprompt.engine.score.SegmentationScores;
import dev.vprompt.engine.score.SyntheticScore;
import dev.vprompt.engine.score.SyntheticTask;
import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One synthetic reasoning task as the official {@code evaluate_reasoning.py} runs it: with numpy's generator seeded
 * once, episode {@code i} draws its query pair, then for each of the two supports an (unused) dataset index and the
 * support pair; the 3x2 canvas holds the supports then the query. Jobs are plain image prompts ({@link Task#IMAGE});
 * the pasted prediction is downloaded and scored here with the official synthetic metric against the canvas with the
 * true answer.
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class SyntheticEval {

    /** Size of the official synthetic datasets ({@code __len__}), the range of the support index draw. */
    static final int DATASET_LENGTH = 100;

    /** One episode's pictures. */
    record Episode(List<RgbImage[]> supports, RgbImage query, RgbImage truth) {}

    private final SyntheticTask task;
    private final List<Episode> episodes;

    private SyntheticEval(SyntheticTask task, List<Episode> episodes) {
        this.task = task;
        this.episodes = episodes;
    }

    /** Draws {@code count} episodes of {@code task} from a generator seeded {@code seed}. */
    public static SyntheticEval sample(SyntheticTask task, int count, long seed) {
        NumpyRandomState rnd = new NumpyRandomState(seed);
        List<Episode> episodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RgbImage[] query = SyntheticPairs.pair(task, rnd::randint);
            List<RgbImage[]> supports = new ArrayList<>();
            for (int k = 0; k < CanvasBuilder.GRID3X2_EXAMPLES; k++) {
                rnd.randint(0, DATASET_LENGTH);
                supports.add(SyntheticPairs.pair(task, rnd::randint));
            }
            episodes.add(new Episode(supports, query[0], query[1]));
        }
        return new SyntheticEval(task, episodes);
    }

    public int size() {
        return episodes.size();
    }

    /** The jobs, ids {@code <idPrefix>-<episode>}, uploading every picture. */
    public List<PromptJob> jobs(ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix) {
        JobTemplate template = new JobTemplate(
                Task.IMAGE, PromptLayout.GRID_3X2, false, 0, null, null, resultsBucket, resultsPrefix, null);
        List<PromptJob> jobs = new ArrayList<>();
        for (int i = 0; i < episodes.size(); i++) {
            Episode e = episodes.get(i);
            List<ExamplePair> pairs = new ArrayList<>();
            for (RgbImage[] s : e.supports()) {
                pairs.add(JobTemplate.pair(
                        uploader.upload(PngCodec.encode(s[0]), "png"), uploader.upload(PngCodec.encode(s[1]), "png")));
            }
            jobs.add(template.job(
                    PascalEval.jobId(idPrefix, i),
                    pairs,
                    uploader.upload(PngCodec.encode(e.query()), "png"),
                    null,
                    Instant.now()));
        }
        return jobs;
    }

    /** Downloads the prediction of episode {@code index} and scores it. */
    public SplitResult.EpisodeScores score(int index, Completion c, MinioClient s3) throws Exception {
        OutputObject prediction = c.event().getOutputs().stream()
                .filter(o -> o.getKind().equals("prediction"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + c.jobId() + " has no prediction output"));
        byte[] png;
        try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder()
                .bucket(prediction.getRef().getBucket())
                .object(prediction.getRef().getKey())
                .build())) {
            png = in.readAllBytes();
        }
        return score(episodes.get(index), decode(png));
    }

    SplitResult.EpisodeScores score(Episode e, RgbImage predicted) {
        Canvas truth = new CanvasBuilder().grid3x2(e.supports(), e.query(), e.truth());
        SegmentationScores s =
                SyntheticScore.score(truth.image(), predicted, truth.answerCell(), task, ScoringMode.OFFICIAL);
        return new SplitResult.EpisodeScores(s.iou(), s.colorBlindIou(), s.accuracy());
    }

    private static RgbImage decode(byte[] png) throws ImageDecodeException {
        return new ImageDecoder().decode(png);
    }

    List<Episode> episodes() {
        return episodes;
    }
}
