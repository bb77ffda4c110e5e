package dev.vprompt.worker.internal.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.canvas.Layout;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PilResize;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.TestJobs;
import dev.vprompt.worker.internal.fetch.JobImages;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Canvases are the same whether examples come as bytes, are cached on the way, or come from the cache. */
class PromptAssemblerTest {

    private static final long MAX = 1 << 24;

    @Test
    void shouldBuildTheSameCanvasWhenTheExampleCellComesFromTheCache() {
        // Given: a segmentation job (example output read as a mask) on the 2x2 canvas
        assertSameCanvasesWithAndWithoutCache(Task.SEGMENTATION, PromptLayout.GRID_2X2, 1);
    }

    @Test
    void shouldBuildTheSameDetectionCanvasWhenTheExampleCellComesFromTheCache() {
        // Given: detection cells are bilinear
        assertSameCanvasesWithAndWithoutCache(Task.DETECTION, PromptLayout.GRID_2X2, 1);
    }

    @Test
    void shouldNotServeASegmentationCellToADetectionJobWhenBothShareTheExample() {
        // Given: a segmentation job on an example has filled the cache with its (bicubic) cells
        ExampleCache cache = new ExampleCache(1 << 24, Set.of("images"));
        PromptAssembler assembler = new PromptAssembler(MAX, MAX, cache);
        byte[][] pair = {PngCodec.encode(pattern(157, 123, 1)), PngCodec.encodeGray(pattern(157, 123, 2))};
        byte[] query = PngCodec.encode(pattern(120, 100, 3));
        PromptJob segmentation = job(Task.SEGMENTATION, PromptLayout.AUTO, 1);
        assembler.prepare(segmentation, assembler.cachedExamples(segmentation), images(List.<byte[][]>of(pair), query));
        // When: a detection job on the same objects looks its cells up
        PromptJob detection = job(Task.DETECTION, PromptLayout.AUTO, 1);
        ExampleCells cells = assembler.cachedExamples(detection);
        // Then: it misses, and its canvas is the bilinear one
        assertThat(cells.holds(0, false)).isFalse();
        assertThat(cells.holds(0, true)).isFalse();
        PreparedPrompt fresh = assembler.prepare(detection, cells, images(List.<byte[][]>of(pair), query));
        PreparedPrompt plain = new PromptAssembler(MAX, MAX).prepare(detection, images(List.<byte[][]>of(pair), query));
        assertThat(fresh.canvases().get(0).image().pixels())
                .isEqualTo(plain.canvases().get(0).image().pixels());
        assertThat(cache.size()).isEqualTo(4);
    }

    @Test
    void shouldResizeDetectionCellsBilinearAndSegmentationCellsBicubicWhenBuildingCanvases() {
        // Given: the same images as a detection job and as a segmentation job
        RgbImage photo = pattern(157, 123, 4);
        byte[][] pair = {PngCodec.encode(photo), PngCodec.encodeGray(pattern(157, 123, 5))};
        byte[] query = PngCodec.encode(photo);
        PromptAssembler assembler = new PromptAssembler(MAX, MAX);
        // When
        PreparedPrompt detection =
                assembler.prepare(job(Task.DETECTION, PromptLayout.AUTO, 1), images(List.<byte[][]>of(pair), query));
        PreparedPrompt segmentation =
                assembler.prepare(job(Task.SEGMENTATION, PromptLayout.AUTO, 1), images(List.<byte[][]>of(pair), query));
        // Then: the query cell (bottom left) is the official detection / segmentation resize of the query
        assertThat(queryCell(detection).pixels())
                .isEqualTo(PilResize.bilinear(photo, 111, 111).pixels());
        assertThat(queryCell(segmentation).pixels())
                .isEqualTo(PilResize.bicubic(photo, 111, 111).pixels());
    }

    @Test
    void shouldBuildTheEightArrangementsInPromptSelfOrderWhenTheJobIsAnEnsemble() {
        // Given
        RgbImage photo = pattern(140, 100, 6);
        byte[][] pair = {PngCodec.encode(photo), PngCodec.encodeGray(pattern(140, 100, 7))};
        PromptJob job = PromptJob.newBuilder(job(Task.SEGMENTATION, PromptLayout.AUTO, 1))
                .setEnsemble(true)
                .build();
        // When
        PreparedPrompt prompt = new PromptAssembler(MAX, MAX).prepare(job, images(List.<byte[][]>of(pair), pair[0]));
        // Then: one canvas per arrangement, in order, the example input always unflipped in its own cell
        assertThat(prompt.canvases()).hasSize(8);
        assertThat(prompt.plan().fused()).isTrue();
        RgbImage cell = PilResize.bicubic(photo, 111, 111);
        for (int i = 0; i < 8; i++) {
            Arrangement a = Arrangement.PROMPT_SELF.get(i);
            assertThat(prompt.canvases().get(i).answerCell()).isEqualTo(a.answerCell());
            assertThat(prompt.canvases().get(i).mask()).isEqualTo(a.mask());
            assertThat(cellAt(prompt.canvases().get(i).image(), a.cell(Arrangement.Slot.EXAMPLE_INPUT))
                            .pixels())
                    .isEqualTo(cell.pixels());
        }
    }

    @Test
    void shouldBuildOneCanvasPerPairWhenASegmentationJobHasSeveralPairs() {
        // Given: three pairs with different inputs
        List<byte[][]> encoded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            encoded.add(
                    new byte[][] {PngCodec.encode(pattern(90, 90, 20 + i)), PngCodec.encodeGray(pattern(90, 90, i))});
        }
        // When
        PreparedPrompt prompt = new PromptAssembler(MAX, MAX)
                .prepare(job(Task.SEGMENTATION, PromptLayout.AUTO, 3), images(encoded, encoded.get(0)[0]));
        // Then: pair i's input sits top-left of canvas i
        assertThat(prompt.canvases()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(cellAt(prompt.canvases().get(i).image(), new Cell(0, 0, 111, 111))
                            .pixels())
                    .isEqualTo(
                            PilResize.bicubic(pattern(90, 90, 20 + i), 111, 111).pixels());
        }
    }

    @Test
    void shouldBuildTheSyntheticCanvasWhenAnAutoImageJobHasTwoPairs() {
        // Given
        List<byte[][]> encoded = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            encoded.add(new byte[][] {PngCodec.encode(pattern(74, 74, i)), PngCodec.encode(pattern(74, 74, 5 + i))});
        }
        // When
        PreparedPrompt prompt = new PromptAssembler(MAX, MAX)
                .prepare(job(Task.IMAGE, PromptLayout.AUTO, 2), images(encoded, encoded.get(0)[0]));
        // Then
        assertThat(prompt.canvases()).hasSize(1);
        assertThat(prompt.canvases().get(0).layout()).isEqualTo(Layout.GRID_3X2);
    }

    private static RgbImage cellAt(RgbImage canvas, Cell c) {
        byte[] px = new byte[3 * c.width() * c.height()];
        for (int y = 0; y < c.height(); y++) {
            System.arraycopy(
                    canvas.pixels(), 3 * ((c.y() + y) * canvas.width() + c.x()), px, 3 * c.width() * y, 3 * c.width());
        }
        return new RgbImage(c.width(), c.height(), px);
    }

    private static RgbImage queryCell(PreparedPrompt prompt) {
        RgbImage canvas = prompt.canvases().get(0).image();
        byte[] px = new byte[3 * 111 * 111];
        for (int y = 0; y < 111; y++) {
            System.arraycopy(canvas.pixels(), 3 * ((113 + y) * canvas.width()), px, 3 * 111 * y, 3 * 111);
        }
        return new RgbImage(111, 111, px);
    }

    @Test
    void shouldBuildTheSameSyntheticCanvasWhenTheExampleCellsComeFromTheCache() {
        // Given: the 3x2 canvas, whose cells are 74 px bilinear
        assertSameCanvasesWithAndWithoutCache(Task.IMAGE, PromptLayout.GRID_3X2, 2);
    }

    private static void assertSameCanvasesWithAndWithoutCache(Task task, PromptLayout layout, int pairs) {
        PromptJob job = job(task, layout, pairs);
        List<byte[][]> encoded = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            encoded.add(new byte[][] {
                PngCodec.encode(pattern(150 + 7 * i, 100, i)), PngCodec.encodeGray(pattern(90, 130 + 5 * i, 10 + i))
            });
        }
        byte[] query = PngCodec.encode(pattern(120, 120, 99));
        ExampleCache cache = new ExampleCache(1 << 24, Set.of("images"));

        // When: no cache; then the first job through the cache (cells prepared and kept); then a job whose examples
        // all come from the cache and were not read
        PreparedPrompt plain = new PromptAssembler(MAX, MAX).prepare(job, images(encoded, query));
        PromptAssembler cached = new PromptAssembler(MAX, MAX, cache);
        ExampleCells first = cached.cachedExamples(job);
        PreparedPrompt filling = cached.prepare(job, first, images(encoded, query));
        ExampleCells second = cached.cachedExamples(job);
        List<JobImages.Pair> notRead = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            notRead.add(new JobImages.Pair(null, null));
        }
        PreparedPrompt fromCache = cached.prepare(job, second, new JobImages(notRead, query, null));

        // Then
        for (int i = 0; i < pairs; i++) {
            assertThat(first.holds(i, false) || first.holds(i, true)).isFalse();
            assertThat(second.holds(i, false) && second.holds(i, true)).isTrue();
        }
        assertThat(cache.size()).isEqualTo(2 * pairs);
        assertThat(cache.misses()).isEqualTo(2 * pairs);
        assertThat(cache.hits()).isEqualTo(2 * pairs);
        byte[] expected = plain.canvases().get(0).image().pixels();
        assertThat(filling.canvases().get(0).image().pixels()).isEqualTo(expected);
        assertThat(fromCache.canvases().get(0).image().pixels()).isEqualTo(expected);
    }

    @Test
    void shouldBuildTheCanvasesOfTheDecodedImagesWhenEachImageIsMadeACellOnceDecoded() throws Exception {
        // Given: examples, a query and a ground truth of several sizes, for every kind of canvas
        byte[][] pair0 = {PngCodec.encode(pattern(157, 123, 1)), PngCodec.encodeGray(pattern(90, 140, 2))};
        byte[][] pair1 = {PngCodec.encode(pattern(64, 200, 3)), PngCodec.encodeGray(pattern(300, 80, 4))};
        byte[] query = PngCodec.encode(pattern(133, 97, 5));
        byte[] truth = PngCodec.encodeGray(pattern(133, 97, 6));
        ImageDecoder decoder = new ImageDecoder();
        RgbImage q = decoder.decode(query);
        CanvasBuilder builder = new CanvasBuilder();
        for (Task task : new Task[] {Task.SEGMENTATION, Task.DETECTION, Task.COLORIZATION}) {
            boolean masks = PromptAssembler.outputsAreMasks(task);
            RgbImage in0 = decoder.decode(pair0[0]);
            RgbImage out0 = masks ? decoder.decodeMask(pair0[1]) : decoder.decode(pair0[1]);
            RgbImage t = masks ? decoder.decodeMask(truth) : decoder.decode(truth);
            PilResize.Filter filter = task == Task.DETECTION ? PilResize.Filter.BILINEAR : PilResize.Filter.BICUBIC;
            // When: a 2x2 job of one pair, and a one-pair ensemble (eight arrangements)
            PreparedPrompt single = new PromptAssembler(MAX, MAX)
                    .prepare(scored(task, PromptLayout.AUTO, 1, false), images(List.<byte[][]>of(pair0), query, truth));
            PreparedPrompt ensemble = new PromptAssembler(MAX, MAX)
                    .prepare(scored(task, PromptLayout.AUTO, 1, true), images(List.<byte[][]>of(pair0), query, truth));
            // Then: the canvases the builder makes of the decoded images, pixel for pixel
            assertThat(single.canvases()).hasSize(1);
            assertSamePixels(
                    single.canvases().get(0), builder.grid2x2(Arrangement.STANDARD, in0, out0, q, null, filter));
            assertSamePixels(single.truthCanvas(), builder.grid2x2(Arrangement.STANDARD, in0, out0, q, t, filter));
            List<Arrangement> all = Arrangement.PROMPT_SELF;
            assertThat(ensemble.canvases()).hasSize(all.size());
            for (int i = 0; i < all.size(); i++) {
                assertSamePixels(ensemble.canvases().get(i), builder.grid2x2(all.get(i), in0, out0, q, null, filter));
            }
            assertThat(single.queryWidth()).isEqualTo(133);
            assertThat(single.queryHeight()).isEqualTo(97);
        }
        // and the 3x2 canvas, whose outputs are colour images
        PreparedPrompt synthetic = new PromptAssembler(MAX, MAX)
                .prepare(
                        scored(Task.COLORIZATION, PromptLayout.GRID_3X2, 2, false),
                        images(List.of(pair0, pair1), query, truth));
        List<RgbImage[]> decoded = List.of(
                new RgbImage[] {decoder.decode(pair0[0]), decoder.decode(pair0[1])},
                new RgbImage[] {decoder.decode(pair1[0]), decoder.decode(pair1[1])});
        assertSamePixels(synthetic.canvases().get(0), builder.grid3x2(decoded, q, null));
        assertSamePixels(synthetic.truthCanvas(), builder.grid3x2(decoded, q, decoder.decode(truth)));
    }

    @Test
    void shouldRefuseAnImageWithATooLongSideWhenTheSideLimitIsTightened() {
        // Given: a thin query, 600 x 10 (6,000 pixels: far below the pixel limit)
        PromptJob job = job(Task.SEGMENTATION, PromptLayout.AUTO, 1);
        byte[][] pair = {PngCodec.encode(pattern(40, 40, 1)), PngCodec.encodeGray(pattern(40, 40, 2))};
        JobImages thin = images(List.<byte[][]>of(pair), PngCodec.encode(pattern(600, 10, 3)));
        PromptAssembler tightened = new PromptAssembler(PromptAssembler.limits(MAX, MAX, 500), ExampleCache.disabled());
        // When / Then
        assertThatThrownBy(() -> tightened.prepare(job, thin)).isInstanceOfSatisfying(JobFailure.class, f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
            assertThat(f.getMessage()).contains("query").contains("600x10");
        });
        assertThat(new PromptAssembler(MAX, MAX).prepare(job, thin).queryWidth())
                .isEqualTo(600);
    }

    private static void assertSamePixels(Canvas actual, Canvas expected) {
        assertThat(actual.image().pixels()).isEqualTo(expected.image().pixels());
    }

    private static PromptJob scored(Task task, PromptLayout layout, int pairs, boolean ensemble) {
        return PromptJob.newBuilder(job(task, layout, pairs))
                .setEnsemble(ensemble)
                .setGroundTruth(TestJobs.ref("truth"))
                .build();
    }

    private static JobImages images(List<byte[][]> encoded, byte[] query, byte[] truth) {
        JobImages withoutTruth = images(encoded, query);
        return new JobImages(withoutTruth.examples(), query, truth);
    }

    private static JobImages images(List<byte[][]> encoded, byte[] query) {
        List<JobImages.Pair> pairs = new ArrayList<>();
        for (byte[][] p : encoded) {
            pairs.add(new JobImages.Pair(p[0], p[1]));
        }
        return new JobImages(pairs, query, null);
    }

    private static PromptJob job(Task task, PromptLayout layout, int pairs) {
        return TestJobs.job(task, layout, pairs, "", "q");
    }

    private static RgbImage pattern(int w, int h, int seed) {
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = 3 * (y * w + x);
                px[i] = (byte) (x * 3 + seed * 17);
                px[i + 1] = (byte) (y * 5 + seed);
                px[i + 2] = (byte) ((x ^ y) * 7 + seed * 3);
            }
        }
        return new RgbImage(w, h, px);
    }
}
