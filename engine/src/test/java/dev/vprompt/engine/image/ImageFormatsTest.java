package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import dev.vprompt.engine.io.NpyReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BMP, GIF, TIFF, WebP and CMYK/YCCK JPEG against what Pillow 9.4 gives for {@code convert('RGB')} and
 * {@code convert('L')} (files and references written by src/test/python/make_format_refs.py).
 */
class ImageFormatsTest {

    /**
     * Largest difference of one sample from libwebp's lossy decoding, which Pillow uses: TwelveMonkeys' VP8 decoder
     * upsamples chroma and converts YUV to RGB its own way, so samples next to hard colour edges differ. Measured 63
     * and 64 on the two lossy files (a photo with a saturated red block).
     */
    static final int LOSSY_MAX_BOUND = 70;

    /** Bound on the mean absolute difference per sample for lossy WebP: measured 3.03 and 3.01. */
    static final double LOSSY_MEAN_BOUND = 3.5;

    private final ImageDecoder decoder = new ImageDecoder();

    static Path dir() {
        try {
            return Path.of(ImageFormatsTest.class.getResource("/formats").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> images() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".npy"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Stream<String> exactImages() throws IOException {
        return images().filter(n -> !n.startsWith("lossy_"));
    }

    static Stream<String> lossyImages() throws IOException {
        return images().filter(n -> n.startsWith("lossy_"));
    }

    private static byte[] reference(String image, String kind) throws IOException {
        String stem = image.substring(0, image.lastIndexOf('.')) + "_" + image.substring(image.lastIndexOf('.') + 1);
        byte[] values =
                NpyReader.read(dir().resolve(stem + "." + kind + ".npy")).toByteArray();
        if (kind.equals("rgb")) {
            return values;
        }
        byte[] rgb = new byte[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            rgb[3 * i] = values[i];
            rgb[3 * i + 1] = values[i];
            rgb[3 * i + 2] = values[i];
        }
        return rgb;
    }

    private static byte[] bytes(String image) throws IOException {
        return Files.readAllBytes(dir().resolve(image));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactImages")
    void shouldMatchPillowConvertRgbWhenDecodingOtherFormats(String image) throws Exception {
        // Given
        byte[] expected = reference(image, "rgb");

        // When
        RgbImage decoded = decoder.decode(bytes(image));

        // Then
        assertThat(decoded.pixels()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactImages")
    void shouldMatchPillowConvertLWhenDecodingOtherFormatsAsMask(String image) throws Exception {
        // Given
        byte[] expected = reference(image, "l");

        // When
        RgbImage decoded = decoder.decodeMask(bytes(image));

        // Then
        assertThat(decoded.pixels()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lossyImages")
    void shouldStayCloseToLibwebpWhenDecodingLossyWebp(String image) throws Exception {
        // Given
        byte[] expected = reference(image, "rgb");

        // When
        byte[] decoded = decoder.decode(bytes(image)).pixels();

        // Then
        assertThat(decoded).hasSameSizeAs(expected);
        int max = 0;
        long sum = 0;
        for (int i = 0; i < expected.length; i++) {
            int d = Math.abs((decoded[i] & 0xFF) - (expected[i] & 0xFF));
            max = Math.max(max, d);
            sum += d;
        }
        double mean = (double) sum / expected.length;
        assertThat(max).as("largest difference").isLessThanOrEqualTo(LOSSY_MAX_BOUND);
        assertThat(mean).as("mean difference").isLessThanOrEqualTo(LOSSY_MEAN_BOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void shouldRejectFromHeaderWhenAnySideExceedsLimit(String image) throws IOException {
        // Given: every file is 37x29
        ImageDecoder narrow = new ImageDecoder(new ImageLimits(1 << 20, 10_000, 36));
        byte[] encoded = bytes(image);

        // When / Then
        assertThatThrownBy(() -> narrow.decode(encoded))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SIDE_TOO_LONG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void shouldRejectFromHeaderWhenPixelsExceedLimit(String image) throws IOException {
        // Given: every file is 37x29 = 1073 pixels
        ImageDecoder small = new ImageDecoder(new ImageLimits(1 << 20, 1072, 100));
        byte[] encoded = bytes(image);

        // When / Then
        assertThatThrownBy(() -> small.decode(encoded))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS));
    }
}
