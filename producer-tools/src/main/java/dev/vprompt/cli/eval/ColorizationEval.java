package dev.vprompt.cli.eval;

import dev.vprompt.client.ImageUploader;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.training.scenes.ImageOps;
import dev.vprompt.training.scenes.NumpyRandomState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ImageNet colorization as the official {@code evaluate_colorization.py} runs it: the dataset seeds numpy with 5 and
 * draws 1,000 query indices without replacement from the first {@code n - 1} samples; episode {@code i} then draws
 * its support index from {@code [0, 999)}. Every picture is centre-cropped to 111x111; the example pair and the query
 * are (grayscale crop, colour crop) and the ground truth is the query's colour crop, so the worker computes the
 * official MSE (ImageNet-normalised) on the answer cell. Crops are uploaded as PNG (lossless).
 *
 * <p>On folders with fewer than 1,000 images (e.g. a generated one) the draws shrink to what exists: query indices
 * from a permutation of {@code n - 1}, support indices from {@code [0, min(999, n))}.
 *
 * <p>Not thread-safe: confine to one thread.
 */
public final class ColorizationEval implements EvalSuite {

    /** The seed the official dataset sets itself, whatever the command line says. */
    public static final long OFFICIAL_SEED = 5;

    /** The official dataset length, hence the number of query indices drawn. */
    static final int OFFICIAL_LENGTH = 1000;

    /** Side of the centre crop: {@code 224 // 2 - padding}. */
    static final int CROP = 111;

    static final List<String> METRICS = List.of("mse");

    private final ImageNetFolder folder;
    private final int episodes;

    public ColorizationEval(ImageNetFolder folder, int episodes) {
        if (folder.size() < 2) {
            throw new EvalDataException("colorization needs at least 2 images, found " + folder.size());
        }
        int available = Math.min(OFFICIAL_LENGTH, folder.size() - 1);
        if (episodes > available) {
            throw new EvalDataException(
                    "--episodes " + episodes + " exceeds the " + available + " query indices this folder allows");
        }
        this.folder = folder;
        this.episodes = episodes;
    }

    @Override
    public String name() {
        return "colorization";
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    /** Query and support sample indices of each episode, as the official code draws them. */
    static int[][] episodes(int samples, int episodes) {
        NumpyRandomState rnd = new NumpyRandomState(OFFICIAL_SEED);
        int[] queries = rnd.permutation(samples - 1);
        int supportBound = Math.min(OFFICIAL_LENGTH - 1, samples);
        int[][] out = new int[episodes][];
        for (int i = 0; i < episodes; i++) {
            int support = rnd.randint(0, supportBound);
            out[i] = new int[] {queries[i], support};
        }
        return out;
    }

    @Override
    public List<PromptJob> jobs(
            String split, ImageUploader uploader, String resultsBucket, String resultsPrefix, String idPrefix) {
        JobTemplate template =
                EvalSuite.template(Task.COLORIZATION, PromptLayout.GRID_2X2, resultsBucket, resultsPrefix);
        List<PromptJob> jobs = new ArrayList<>(episodes);
        int[][] draws = episodes(folder.size(), episodes);
        for (int i = 0; i < episodes; i++) {
            RgbImage query = ImageOps.centerCrop(folder.load(draws[i][0]), CROP, CROP);
            RgbImage support = ImageOps.centerCrop(folder.load(draws[i][1]), CROP, CROP);
            jobs.add(template.job(
                    EvalSuite.jobId(idPrefix, i),
                    List.of(JobTemplate.pair(
                            EvalSuite.png(uploader, ImageOps.grayscale(support)), EvalSuite.png(uploader, support))),
                    EvalSuite.png(uploader, ImageOps.grayscale(query)),
                    EvalSuite.png(uploader, query),
                    Instant.now()));
        }
        return jobs;
    }
}
