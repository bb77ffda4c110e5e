package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.io.NpyArray;
import dev.vprompt.engine.io.NpyReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bit-exactness with Pillow 9.4's {@code Image.resize}; references from src/test/python/make_resize_refs.py.
 */
class PilResizeTest {

    record ResizeCase(String name, String pattern, int seed, int srcW, int srcH, int outW, int outH, String filter) {
        @Override
        public String toString() {
            return name + " " + srcW + "x" + srcH + "->" + outW + "x" + outH + " " + filter;
        }
    }

    static Stream<ResizeCase> cases() throws IOException {
        try (InputStream in = PilResizeTest.class.getResourceAsStream("/resize/cases.csv")) {
            List<String> lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .skip(1)
                    .toList();
            return lines.stream()
                    .map(l -> l.split(","))
                    .map(f -> new ResizeCase(
                            f[0],
                            f[1],
                            Integer.parseInt(f[2]),
                            Integer.parseInt(f[3]),
                            Integer.parseInt(f[4]),
                            Integer.parseInt(f[5]),
                            Integer.parseInt(f[6]),
                            f[7]));
        }
    }

    /** The same recipe as {@code source()} in make_resize_refs.py. */
    static RgbImage source(String pattern, int seed, int w, int h) {
        byte[] px = new byte[3 * w * h];
        if (pattern.equals("smooth")) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        px[3 * (y * w + x) + c] = (byte) ((3 * x + 5 * y + 70 * c + seed) % 256);
                    }
                }
            }
        } else {
            long state = seed;
            for (int i = 0; i < px.length; i++) {
                state = (state * 1103515245L + 12345L) & 0x7FFFFFFFL;
                px[i] = (byte) (state >> 16);
            }
        }
        return new RgbImage(w, h, px);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldMatchPillowBitForBitWhenResizing(ResizeCase c) throws IOException {
        // Given
        RgbImage src = source(c.pattern(), c.seed(), c.srcW(), c.srcH());
        NpyArray expected;
        try (InputStream in = getClass().getResourceAsStream("/resize/" + c.name() + ".npy")) {
            expected = NpyReader.read(in.readAllBytes());
        }
        PilResize.Filter filter = c.filter().equals("bicubic") ? PilResize.Filter.BICUBIC : PilResize.Filter.BILINEAR;

        // When
        RgbImage out = PilResize.resize(src, c.outW(), c.outH(), filter);

        // Then
        assertThat(expected.shape()).containsExactly(c.outH(), c.outW(), 3);
        assertThat(out.width()).isEqualTo(c.outW());
        assertThat(out.height()).isEqualTo(c.outH());
        assertThat(out.pixels()).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldReturnIndependentCopyWhenSizeUnchanged() {
        // Given
        RgbImage src = source("noise", 3, 5, 4);

        // When
        RgbImage out = PilResize.bicubic(src, 5, 4);

        // Then
        assertThat(out.pixels()).isEqualTo(src.pixels()).isNotSameAs(src.pixels());
    }

    @Test
    void shouldKeepUniformImageUniformWhenResizing() {
        // Given: weights are normalised, so a flat image stays flat at any scale
        RgbImage flat = RgbImage.filled(97, 13, 12, 200, 255);

        // When
        RgbImage out = PilResize.bicubic(flat, 31, 111);

        // Then
        assertThat(out.pixels())
                .isEqualTo(RgbImage.filled(31, 111, 12, 200, 255).pixels());
    }

    @Test
    void shouldRejectNonPositiveSize() {
        RgbImage src = RgbImage.filled(2, 2, 0, 0, 0);
        assertThatThrownBy(() -> PilResize.bicubic(src, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PilResize.bilinear(src, 3, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAllocateOnlyTheRowsOneOutputRowReadsWhenResizingThinImageAtSideLimit() {
        // Given: a 1 x 65,535 strip; a two-pass resize that keeps the whole horizontal pass would hold
        // 65,535 rows x 111 pixels x 3 samples in between (87 MB as the ints the vertical pass sums)
        RgbImage strip = source("noise", 19, 1, ImageLimits.DEFAULT_MAX_SIDE);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        // When
        RgbImage cell = PilResize.bicubic(strip, 111, 111);

        // Then: the ring of the 2,363 rows one output row reads plus a stripe (2,427 x 333 ints, 3.2 MB), the
        // vertical kernel (about 1 MB) and the 37 KB result
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(cell.width()).isEqualTo(111);
        assertThat(allocated).isLessThan(5L << 20);
    }

    @Test
    void shouldWriteOnlyTheTargetAreaWhenResizingIntoLargerImage() {
        // Given
        RgbImage src = source("noise", 21, 57, 43);
        byte[] canvas = new byte[3 * 60 * 50];
        java.util.Arrays.fill(canvas, (byte) 7);

        // When
        PilResize.resizeInto(src, PilResize.Filter.BICUBIC, canvas, 60, 5, 9, 31, 40);

        // Then
        RgbImage expected = PilResize.bicubic(src, 31, 40);
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 60; x++) {
                boolean inside = x >= 5 && x < 36 && y >= 9 && y < 49;
                for (int c = 0; c < 3; c++) {
                    int actual = canvas[3 * (y * 60 + x) + c] & 0xFF;
                    int wanted = inside ? expected.get(x - 5, y - 9, c) : 7;
                    assertThat(actual).as("(%d,%d,%d)", x, y, c).isEqualTo(wanted);
                }
            }
        }
    }

    @Test
    void shouldRejectTargetAreaOutsideDestination() {
        RgbImage src = RgbImage.filled(4, 4, 1, 2, 3);
        byte[] canvas = new byte[3 * 10 * 10];
        assertThatThrownBy(() -> PilResize.resizeInto(src, PilResize.Filter.BILINEAR, canvas, 10, 5, 0, 6, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PilResize.resizeInto(src, PilResize.Filter.BILINEAR, canvas, 10, 0, 8, 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
