package dev.vprompt.worker.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RepeatingRowsPng;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.post.AnswerFusion;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import dev.vprompt.worker.internal.prompt.PromptPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the worker publishes and scores for a detection answer. */
class ResultRendererTest {

    private static final int CELL = 111;
    private static final PromptPlan SINGLE_2X2 =
            new PromptPlan(PromptLayout.GRID_2X2, 1, List.of(Arrangement.STANDARD), AnswerFusion.Rule.MASK_THRESHOLD);
    private static final PromptPlan SINGLE_3X2 =
            new PromptPlan(PromptLayout.GRID_3X2, 2, List.of(), AnswerFusion.Rule.ROUNDED_MEAN);

    @Test
    void shouldFuseTheEightArrangementsAnswersAndScoreWithoutSnappingWhenTheJobIsAnEnsemble() throws Exception {
        // Given: the eight A1..A8 canvases of one prompt; every answer is black but for two 10x10 blocks, block A
        // white in four answers (mean 127.5 -> white), block B white in three (mean 95.6 -> black). The truth is
        // block A, with one pixel grey 250 there: exactly white is the ground truth, so that pixel is not
        RgbImage photo = RgbImage.filled(CELL, CELL, 90, 120, 150);
        RgbImage truth = box(CELL, CELL, 10, 10, 10, 10);
        truth.pixels()[3 * (12 * CELL + 12)] = (byte) 250;
        truth.pixels()[3 * (12 * CELL + 12) + 1] = (byte) 250;
        truth.pixels()[3 * (12 * CELL + 12) + 2] = (byte) 250;
        CanvasBuilder builder = new CanvasBuilder();
        List<Canvas> canvases = new ArrayList<>();
        List<InferenceOutput> outputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Canvas c = builder.grid2x2(Arrangement.PROMPT_SELF.get(i), photo, truth, photo, null);
            canvases.add(c);
            byte[] px = c.image().pixels().clone();
            paint(px, c.answerCell(), 0, 0, CELL, CELL, 0);
            if (i < 4) {
                paint(px, c.answerCell(), 10, 10, 10, 10, 255);
            }
            if (i < 3) {
                paint(px, c.answerCell(), 50, 50, 10, 10, 255);
            }
            outputs.add(new InferenceOutput(new int[0], new RgbImage(Canvas.SIZE, Canvas.SIZE, px)));
        }
        PromptPlan ensemble =
                new PromptPlan(PromptLayout.GRID_2X2, 1, Arrangement.PROMPT_SELF, AnswerFusion.Rule.MASK_THRESHOLD);
        Canvas truthCanvas = builder.grid2x2(Arrangement.STANDARD, photo, truth, photo, truth);
        PreparedPrompt prompt = new PreparedPrompt(ensemble, canvases, CELL, CELL, truthCanvas);

        // When
        RenderedResult result = new ResultRenderer().render(segmentation(), prompt, outputs);

        // Then: the answer is block A, pasted into A1's bottom-right cell
        RgbImage prediction = new ImageDecoder().decode(object(result, "prediction.png"));
        assertThat(crop(prediction, new Cell(113, 113, CELL, CELL)).pixels())
                .isEqualTo(box(CELL, CELL, 10, 10, 10, 10).pixels());
        assertThat(new ImageDecoder().decodeMask(object(result, "mask.png")).pixels())
                .isEqualTo(box(CELL, CELL, 10, 10, 10, 10).pixels());
        assertThat(result.scores().get("iou")).isEqualTo((double) (99f / 100f));
        assertThat(result.scores().get("accuracy")).isEqualTo((CELL * CELL - 1) / (double) (CELL * CELL));
        assertThat(result.scores().get("iou_exact")).isEqualTo(1.0);
    }

    @Test
    void shouldPublishEachJobsOwnCanvasWhenJobsShareTheirExamplePair() throws Exception {
        // Given: one renderer (one cache of coded example rows) and two jobs with the same example pair but their own
        // query and answer
        ResultRenderer renderer = new ResultRenderer();
        RgbImage photo = RgbImage.filled(CELL, CELL, 90, 120, 150);
        RgbImage mask = box(CELL, CELL, 20, 30, 40, 50);
        CanvasBuilder builder = new CanvasBuilder();
        List<RgbImage> published = new ArrayList<>();
        List<RgbImage> pasted = new ArrayList<>();
        for (int job = 0; job < 2; job++) {
            Canvas c = builder.grid2x2(photo, mask, RgbImage.filled(CELL, CELL, 10 + 100 * job, 200, 30), null);
            byte[] px = c.image().pixels().clone();
            paint(px, c.answerCell(), 5 + 40 * job, 5, 30, 30, 255);
            RgbImage answer = new RgbImage(Canvas.SIZE, Canvas.SIZE, px);
            pasted.add(answer);
            PreparedPrompt prompt = new PreparedPrompt(SINGLE_2X2, List.of(c), CELL, CELL, null);

            // When
            RenderedResult result =
                    renderer.render(segmentation(), prompt, List.of(new InferenceOutput(new int[0], answer)));
            published.add(new ImageDecoder().decode(object(result, "prediction.png")));
        }

        // Then: each prediction.png is its own pasted canvas, pixel for pixel
        assertThat(published.get(0).pixels()).isEqualTo(pasted.get(0).pixels());
        assertThat(published.get(1).pixels()).isEqualTo(pasted.get(1).pixels());
        assertThat(published.get(0).pixels()).isNotEqualTo(published.get(1).pixels());
    }

    @Test
    void shouldKeepTheMajorityOfThreePairsWhenFusingExamples() throws Exception {
        // Given: three pairs' A1 canvases; block A white in two answers (mean 170 -> white), block B in one (85)
        RgbImage photo = RgbImage.filled(CELL, CELL, 30, 60, 90);
        CanvasBuilder builder = new CanvasBuilder();
        List<Canvas> canvases = new ArrayList<>();
        List<InferenceOutput> outputs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Canvas c = builder.grid2x2(photo, photo, photo, null);
            canvases.add(c);
            byte[] px = c.image().pixels().clone();
            paint(px, c.answerCell(), 0, 0, CELL, CELL, 0);
            paint(px, c.answerCell(), 0, 0, 20, 20, i < 2 ? 255 : 0);
            paint(px, c.answerCell(), 60, 60, 20, 20, i == 2 ? 255 : 0);
            outputs.add(new InferenceOutput(new int[0], new RgbImage(Canvas.SIZE, Canvas.SIZE, px)));
        }
        PromptPlan fusion = new PromptPlan(
                PromptLayout.GRID_2X2, 3, List.of(Arrangement.STANDARD), AnswerFusion.Rule.MASK_THRESHOLD);
        PreparedPrompt prompt = new PreparedPrompt(fusion, canvases, CELL, CELL, null);

        // When
        RenderedResult result = new ResultRenderer().render(segmentation(), prompt, outputs);

        // Then
        assertThat(new ImageDecoder().decodeMask(object(result, "mask.png")).pixels())
                .isEqualTo(box(CELL, CELL, 0, 0, 20, 20).pixels());
    }

    private static byte[] object(RenderedResult result, String name) {
        return result.objects().stream()
                .filter(o -> o.name().equals(name))
                .findFirst()
                .orElseThrow()
                .bytes();
    }

    private static RgbImage crop(RgbImage image, Cell cell) {
        return image.crop(cell.x(), cell.y(), cell.width(), cell.height());
    }

    private static PromptJob segmentation() {
        return PromptJob.newBuilder(job()).setTask(Task.SEGMENTATION).build();
    }

    @Test
    void shouldScoreTheLargestComponentsBoxWhenADetectionJobCarriesAGroundTruth() throws Exception {
        // Given: the true box is 40x50 at (20, 30); the model painted a 40x40 blob with a hole at (20, 30) and a
        // smaller speck elsewhere, so the detected box is the blob's 40x40 bounding box
        RgbImage query = RgbImage.filled(CELL, CELL, 90, 120, 150);
        RgbImage truth = box(CELL, CELL, 20, 30, 40, 50);
        CanvasBuilder builder = new CanvasBuilder();
        Canvas canvas = builder.grid2x2(query, truth, query, null);
        Canvas truthCanvas = builder.grid2x2(query, truth, query, truth);
        Cell answer = canvas.answerCell();
        byte[] px = canvas.image().pixels().clone();
        paint(px, answer, 0, 0, CELL, CELL, 0);
        paint(px, answer, 20, 30, 40, 40, 255);
        paint(px, answer, 30, 40, 5, 5, 0); // a hole does not change the bounding box
        paint(px, answer, 90, 90, 6, 6, 255); // the speck is a smaller component
        RgbImage pasted = new RgbImage(Canvas.SIZE, Canvas.SIZE, px);
        PreparedPrompt prompt = new PreparedPrompt(SINGLE_2X2, List.of(canvas), CELL, CELL, truthCanvas);
        // When
        RenderedResult result =
                new ResultRenderer().render(job(), prompt, List.of(new InferenceOutput(new int[0], pasted)));
        // Then
        float iou = 1600f / 2000f; // intersection 40x40, union 40x50
        assertThat(result.scores().get("iou")).isEqualTo((double) iou);
        assertThat(result.scores().get("color_blind_iou")).isEqualTo((double) iou);
        assertThat(result.scores().get("accuracy")).isEqualTo((CELL * CELL - 400) / (double) (CELL * CELL));
        assertThat(result.box().getX()).isEqualTo(20);
        assertThat(result.box().getY()).isEqualTo(30);
        assertThat(result.box().getWidth()).isEqualTo(40);
        assertThat(result.box().getHeight()).isEqualTo(40);
        PublishedObject mask = result.objects().stream()
                .filter(o -> o.name().equals("mask.png"))
                .findFirst()
                .orElseThrow();
        assertThat(new ImageDecoder().decodeMask(mask.bytes()).pixels())
                .isEqualTo(box(CELL, CELL, 20, 30, 40, 40).pixels());
    }

    @Test
    void shouldPublishOnlyTheMaskWhenPredictionImagesAreTurnedOff() {
        // Given
        RgbImage query = RgbImage.filled(CELL, CELL, 90, 120, 150);
        Canvas canvas = new CanvasBuilder().grid2x2(query, box(CELL, CELL, 1, 1, 5, 5), query, null);
        PreparedPrompt prompt = new PreparedPrompt(SINGLE_2X2, List.of(canvas), CELL, CELL, null);
        InferenceOutput output = new InferenceOutput(new int[0], canvas.image());
        // When
        RenderedResult on = new ResultRenderer().render(job(), prompt, List.of(output));
        RenderedResult off =
                new ResultRenderer(false, RepeatingRowsPng.Tail.COMPRESSED).render(job(), prompt, List.of(output));
        // Then
        assertThat(on.objects()).extracting(PublishedObject::name).containsExactly("prediction.png", "mask.png");
        assertThat(off.objects()).extracting(PublishedObject::name).containsExactly("mask.png");
    }

    @Test
    void shouldStillPublishThePredictionOfASyntheticJobWhenPredictionImagesAreTurnedOff() {
        // Given: a 3x2 synthetic job, whose answer clients score from prediction.png
        RgbImage img = RgbImage.filled(74, 74, 200, 30, 30);
        Canvas canvas =
                new CanvasBuilder().grid3x2(List.of(new RgbImage[] {img, img}, new RgbImage[] {img, img}), img, null);
        PreparedPrompt prompt = new PreparedPrompt(SINGLE_3X2, List.of(canvas), 74, 74, null);
        PromptJob job = PromptJob.newBuilder(job())
                .setTask(Task.IMAGE)
                .setLayout(PromptLayout.GRID_3X2)
                .build();
        // When
        RenderedResult off = new ResultRenderer(false, RepeatingRowsPng.Tail.COMPRESSED)
                .render(job, prompt, List.of(new InferenceOutput(new int[0], canvas.image())));
        // Then
        assertThat(off.objects()).extracting(PublishedObject::name).contains("prediction.png", "answer.png");
    }

    private static RgbImage box(int w, int h, int x, int y, int bw, int bh) {
        byte[] px = new byte[3 * w * h];
        paint(px, new Cell(0, 0, w, h), x, y, bw, bh, 255, w);
        return new RgbImage(w, h, px);
    }

    private static void paint(byte[] px, Cell cell, int x, int y, int w, int h, int value) {
        paint(px, cell, x, y, w, h, value, Canvas.SIZE);
    }

    private static void paint(byte[] px, Cell cell, int x, int y, int w, int h, int value, int stride) {
        for (int yy = cell.y() + y; yy < cell.y() + y + h; yy++) {
            for (int xx = cell.x() + x; xx < cell.x() + x + w; xx++) {
                for (int c = 0; c < 3; c++) {
                    px[3 * (yy * stride + xx) + c] = (byte) value;
                }
            }
        }
    }

    private static PromptJob job() {
        ObjectRef ref = ObjectRef.newBuilder().setBucket("b").setKey("k").build();
        return PromptJob.newBuilder()
                .setJobId("det-1")
                .setSubmittedAt(Instant.now())
                .setTask(Task.DETECTION)
                .setQuery(ref)
                .setOutput(OutputLocation.newBuilder()
                        .setBucket("results")
                        .setPrefix("p")
                        .build())
                .build();
    }
}
