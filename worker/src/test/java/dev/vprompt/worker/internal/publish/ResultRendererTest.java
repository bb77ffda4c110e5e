package dev.vprompt.worker.internal.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.infer.InferenceOutput;
import dev.vprompt.worker.internal.prompt.PreparedPrompt;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the worker publishes and scores for a detection answer. */
class ResultRendererTest {

    private static final int CELL = 111;

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
        PreparedPrompt prompt = new PreparedPrompt(List.of(canvas), CELL, CELL, truthCanvas);
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
        PreparedPrompt prompt = new PreparedPrompt(List.of(canvas), CELL, CELL, null);
        InferenceOutput output = new InferenceOutput(new int[0], canvas.image());
        // When
        RenderedResult on = new ResultRenderer().render(job(), prompt, List.of(output));
        RenderedResult off = new ResultRenderer(false).render(job(), prompt, List.of(output));
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
        PreparedPrompt prompt = new PreparedPrompt(List.of(canvas), 74, 74, null);
        PromptJob job = PromptJob.newBuilder(job())
                .setTask(Task.IMAGE)
                .setLayout(dev.vprompt.schemas.PromptLayout.GRID_3X2)
                .build();
        // When
        RenderedResult off =
                new ResultRenderer(false).render(job, prompt, List.of(new InferenceOutput(new int[0], canvas.image())));
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
