package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.ImageLimits;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.internal.fetch.JobImages;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a job's images and builds its canvases as the official code does, as its {@link PromptPlan} says:
 *
 * <ul>
 *   <li>2x2: the evaluation canvas, 111x111 cells, resized bicubic as the segmentation evaluation does, or bilinear
 *       for DETECTION as the detection evaluation does ({@link CellKind}); one canvas per example pair in arrangement
 *       A1, or in the eight prompt-SelF arrangements with {@code ensemble};
 *   <li>3x2: the synthetic-task canvas with the two example pairs, 74x74 cells.
 * </ul>
 *
 * For SEGMENTATION and DETECTION the example outputs and the ground truth are masks, read as PIL's 'L' mode. Image
 * problems become permanent failures (IMAGE_TOO_LARGE, IMAGE_CORRUPT). Each image is made into its canvas cell as soon
 * as it is decoded (the canvas builder's resize of a cell is the identity), so a job holds one decoded image at a time;
 * only the images the prompt uses are decoded ({@link PromptInputs}). Examples the {@link ExampleCache} may keep are
 * cached as cells for later jobs. Thread-safe (its only
 * state is the thread-safe cache); CPU-bound, so it runs on the prepare pool.
 */
public final class PromptAssembler {

    private final ImageDecoder decoder;
    private final CanvasBuilder builder = new CanvasBuilder();
    private final ExampleCache cache;

    public PromptAssembler(long maxPixels, long maxEncodedBytes) {
        this(maxPixels, maxEncodedBytes, ExampleCache.disabled());
    }

    /** @param cache where prepared example cells are kept for later jobs */
    public PromptAssembler(long maxPixels, long maxEncodedBytes, ExampleCache cache) {
        this(limits(maxEncodedBytes, maxPixels, ImageLimits.DEFAULT_MAX_SIDE), cache);
    }

    /**
     * @param limits what the decoder accepts, checked from each image's header
     * @param cache where prepared example cells are kept for later jobs
     */
    public PromptAssembler(ImageLimits limits, ExampleCache cache) {
        this.decoder = new ImageDecoder(limits);
        this.cache = cache;
    }

    /** The decoder's limits of a worker: {@code maxEncodedBytes} is capped at the largest array. */
    public static ImageLimits limits(long maxEncodedBytes, long maxPixels, int maxSide) {
        return new ImageLimits((int) Math.min(Integer.MAX_VALUE - 8, maxEncodedBytes), maxPixels, maxSide);
    }

    /** Whether the job's example outputs and ground truth are masks (read as PIL's 'L' mode). */
    public static boolean outputsAreMasks(Task task) {
        return task == Task.SEGMENTATION || task == Task.DETECTION;
    }

    /**
     * The cached cells of the job's examples, looked up once per job: give them to the fetcher (which then does not
     * read those examples) and back to {@link #prepare(PromptJob, ExampleCells, JobImages)}.
     */
    public ExampleCells cachedExamples(PromptJob job) {
        return cache.lookUp(job);
    }

    /** Prepares a job whose images were read (no example cache involved). */
    public PreparedPrompt prepare(PromptJob job, JobImages images) {
        return prepare(job, ExampleCells.none(job), images);
    }

    /**
     * Prepares a job from its cached example cells and the images read for it; examples that may be cached are kept
     * for later jobs.
     */
    public PreparedPrompt prepare(PromptJob job, ExampleCells cells, JobImages images) {
        boolean masks = outputsAreMasks(job.getTask());
        List<RgbImage[]> pairs = new ArrayList<>();
        for (int i = 0; i < PromptInputs.pairsUsed(job); i++) {
            JobImages.Pair p = images.examples().get(i);
            pairs.add(new RgbImage[] {
                example(cells, i, false, p.input(), false), example(cells, i, true, p.output(), masks)
            });
        }
        CellKind kind = CellKind.of(job);
        RgbImage decodedQuery = decode(images.query(), false, "query");
        int queryWidth = decodedQuery.width();
        int queryHeight = decodedQuery.height();
        RgbImage query = kind.cell(decodedQuery); // from here on the decoded query is garbage
        RgbImage truth = PromptInputs.groundTruthUsed(job) && images.groundTruth() != null
                ? kind.cell(decode(images.groundTruth(), masks, "ground truth"))
                : null;

        PromptPlan plan = PromptPlan.of(job);
        List<Canvas> canvases = new ArrayList<>(plan.canvasCount());
        Canvas truthCanvas = null;
        if (plan.layout() == PromptLayout.GRID_3X2) {
            canvases.add(builder.grid3x2(pairs, query, null));
            if (truth != null) {
                truthCanvas = builder.grid3x2(pairs, query, truth);
            }
        } else {
            PilResize.Filter filter = kind.filter2x2();
            for (RgbImage[] p : pairs) {
                for (Arrangement a : plan.arrangements()) {
                    canvases.add(builder.grid2x2(a, p[0], p[1], query, null, filter));
                }
            }
            if (truth != null) {
                RgbImage[] first = pairs.get(0);
                truthCanvas = builder.grid2x2(Arrangement.STANDARD, first[0], first[1], query, truth, filter);
            }
        }
        return new PreparedPrompt(plan, canvases, queryWidth, queryHeight, truthCanvas);
    }

    /**
     * Decodes a query image with this assembler's limits (as {@link #prepare} does).
     *
     * @throws JobFailure IMAGE_TOO_LARGE or IMAGE_CORRUPT
     */
    public RgbImage decodeQuery(byte[] bytes) {
        return decode(bytes, false, "query");
    }

    /** The example's cached cell, or the example decoded and made into its cell (kept when it may be cached). */
    private RgbImage example(ExampleCells cells, int pair, boolean output, byte[] bytes, boolean mask) {
        RgbImage cached = cells.cell(pair, output);
        if (cached != null) {
            return cached;
        }
        RgbImage decoded = decode(bytes, mask, "example " + pair + (output ? " output" : " input"));
        return cells.keep(pair, output, decoded);
    }

    private RgbImage decode(byte[] bytes, boolean mask, String what) {
        try {
            return mask ? decoder.decodeMask(bytes) : decoder.decode(bytes);
        } catch (ImageDecodeException e) {
            ErrorCode code = switch (e.reason()) {
                case TOO_LARGE_BYTES, TOO_MANY_PIXELS, SIDE_TOO_LONG -> ErrorCode.IMAGE_TOO_LARGE;
                default -> ErrorCode.IMAGE_CORRUPT;
            };
            throw JobFailure.permanent(code, what + ": " + e.getMessage());
        }
    }
}
