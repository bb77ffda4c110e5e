package dev.vprompt.engine.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.engine.io.NpyArray;
import dev.vprompt.engine.io.NpyReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Canvases built from the fixture PNGs against the official {@code DatasetPASCAL} output ({@code canvas.npy},
 * {@code batch_canvas.npy}), bit for bit.
 */
class CanvasBuilderParityTest {

    private static final int CANVAS_BYTES = 3 * Canvas.SIZE * Canvas.SIZE;

    private final ImageDecoder decoder = new ImageDecoder();
    private final CanvasBuilder builder = new CanvasBuilder();
    private Path fixtures;

    @BeforeEach
    void setUp() {
        fixtures = OfficialFixture.dir();
    }

    private RgbImage photo(String name) throws Exception {
        return decoder.decode(Files.readAllBytes(fixtures.resolve(name)));
    }

    private RgbImage mask(String name) throws Exception {
        return decoder.decodeMask(Files.readAllBytes(fixtures.resolve(name)));
    }

    private byte[] batchCanvas(int index) throws Exception {
        NpyArray batch = NpyReader.read(fixtures.resolve("batch_canvas.npy"));
        assertThat(batch.shape()).containsExactly(3, Canvas.SIZE, Canvas.SIZE, 3);
        byte[] all = OfficialFixture.unitFloatsToBytes(batch);
        return Arrays.copyOfRange(all, index * CANVAS_BYTES, (index + 1) * CANVAS_BYTES);
    }

    @Test
    void shouldReproduceOfficialCanvasWhenBuiltFromFixturePngs() throws Exception {
        // Given
        NpyArray expected = NpyReader.read(fixtures.resolve("canvas.npy"));

        // When
        Canvas canvas = builder.grid2x2(
                photo("support.png"), mask("support_mask.png"), photo("query.png"), mask("query_mask.png"));

        // Then
        assertThat(expected.shape()).containsExactly(Canvas.SIZE, Canvas.SIZE, 3);
        assertThat(canvas.image().pixels()).isEqualTo(OfficialFixture.unitFloatsToBytes(expected));
        assertThat(canvas.image().pixels()).isEqualTo(photo("canvas.png").pixels());
        assertThat(canvas.answerCell()).isEqualTo(new Cell(113, 113, 111, 111));
        assertThat(canvas.layout()).isEqualTo(Layout.GRID_2X2);
    }

    @Test
    void shouldUseOfficialEvaluationMaskWhenStandardArrangement() throws Exception {
        // Given
        long[] official = NpyReader.read(fixtures.resolve("ids_shuffle.npy")).toLongArray();

        // When
        Canvas canvas = builder.grid2x2(
                photo("support.png"), mask("support_mask.png"), photo("query.png"), mask("query_mask.png"));

        // Then
        assertThat(Arrays.stream(canvas.mask().idsShuffle()).asLongStream().toArray())
                .isEqualTo(official);
        assertThat(canvas.mask().keptCount()).isEqualTo(147);
    }

    @Test
    void shouldReproduceStandardBatchCanvasWhenNoFlags() throws Exception {
        // When
        Canvas canvas = builder.grid2x2(
                Arrangement.STANDARD,
                photo("support.png"),
                mask("support_mask.png"),
                photo("query.png"),
                mask("query_mask.png"));

        // Then
        assertThat(canvas.image().pixels()).isEqualTo(batchCanvas(0));
    }

    @Test
    void shouldReproduceReverseSupportAndQueryCanvas() throws Exception {
        // When: official reverse_support_and_query=True puts the query pair on the top row
        Canvas canvas = builder.grid2x2(
                Arrangement.ROWS_ANSWER_TOP_RIGHT,
                photo("support.png"),
                mask("support_mask.png"),
                photo("query.png"),
                mask("query_mask.png"));

        // Then
        assertThat(canvas.image().pixels()).isEqualTo(batchCanvas(1));
        assertThat(canvas.answerCell()).isEqualTo(new Cell(113, 0, 111, 111));
    }

    @Test
    void shouldReproduceFlippedOrderCanvas() throws Exception {
        // When: official flipped_order=True with extra.png as the support photo, pairs in columns
        Canvas canvas = builder.grid2x2(
                Arrangement.COLUMNS_ANSWER_BOTTOM_RIGHT,
                photo("extra.png"),
                mask("support_mask.png"),
                photo("query.png"),
                mask("query_mask.png"));

        // Then
        assertThat(canvas.image().pixels()).isEqualTo(batchCanvas(2));
        assertThat(canvas.answerCell()).isEqualTo(new Cell(113, 113, 111, 111));
    }
}
