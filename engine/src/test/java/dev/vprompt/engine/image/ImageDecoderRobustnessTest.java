package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Hostile and broken inputs: every failure is an {@link ImageDecodeException} with the right reason. */
class ImageDecoderRobustnessTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private static void assertReason(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ImageDecodeException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    /** A syntactically valid PNG whose IHDR claims {@code width x height} RGB pixels, with a tiny IDAT. */
    static byte[] pngClaiming(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[1 + 3 * 16]); // one filter byte and a few zero pixels
        deflater.finish();
        byte[] buf = new byte[64];
        int n = deflater.deflate(buf);
        deflater.end();
        chunk(out, "IDAT", Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(typeBytes);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void shouldRejectDecompressionBombFromHeaderWithoutAllocating() throws IOException {
        // Given: 3.6 * 10^9 pixels would need 10.8 GB; the test JVM has 2 GB, so any allocation would fail loudly
        byte[] bomb = pngClaiming(60_000, 60_000);
        assertThat(bomb.length).isLessThan(200);

        // When / Then
        assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertReason(() -> decoder.decode(bomb), Reason.TOO_MANY_PIXELS));
    }

    @Test
    void shouldRejectThinPngFromHeaderWhenItsLongSideExceedsLimit() throws IOException {
        // Given: a valid 1 x 6,000,000 PNG (24 KB). Its 6 megapixels pass the pixel limit, but resizing it to a cell
        // used to hold a 2 GB intermediate image
        byte[] strip = thinPng(6_000_000);
        assertThat(strip.length).isLessThan(64 * 1024);

        // When / Then
        assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertReason(() -> decoder.decode(strip), Reason.SIDE_TOO_LONG));
    }

    @Test
    void shouldRejectSideThatOverflowsIntArithmeticFromHeader() throws IOException {
        // Given: 1 x 40,000,000 is exactly the pixel limit (its resize overflowed an int), and 2^32 - 1 columns
        // read as a negative int
        byte[] tall = pngClaiming(1, 40_000_000);
        byte[] wide = pngClaiming(-1, 1);

        // When / Then
        assertReason(() -> decoder.decode(tall), Reason.SIDE_TOO_LONG);
        assertReason(() -> decoder.decode(wide), Reason.SIDE_TOO_LONG);
    }

    /** A valid 1-pixel-wide RGB PNG of {@code height} black rows. */
    private static byte[] thinPng(int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(1).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[4 * height]); // per row: filter byte 0 and one black pixel
        deflater.finish();
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        while (!deflater.finished()) {
            idat.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    @Test
    void shouldRejectJpegWhoseFrameHeaderClaimsTooManyPixels() throws IOException {
        // Given: a real JPEG whose SOF height and width are patched to 60000
        byte[] jpeg = DecodeReferences.bytes("rgb_420.jpg");
        int sof = indexOfMarker(jpeg, 0xC0, 0xC2);
        ByteBuffer.wrap(jpeg, sof + 5, 4).putShort((short) 60000).putShort((short) 60000);

        // When / Then
        assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> assertReason(() -> decoder.decode(jpeg), Reason.TOO_MANY_PIXELS));
    }

    @Test
    void shouldApplyPixelLimitInclusivelyWhenConfigured() throws Exception {
        // Given: gray8.png is 11x7 = 77 pixels
        byte[] png = DecodeReferences.bytes("gray8.png");

        // When
        RgbImage atLimit = new ImageDecoder(new ImageLimits(1 << 20, 77)).decode(png);

        // Then
        assertThat(atLimit.width() * atLimit.height()).isEqualTo(77);
        assertReason(() -> new ImageDecoder(new ImageLimits(1 << 20, 76)).decode(png), Reason.TOO_MANY_PIXELS);
    }

    @Test
    void shouldRejectOversizeInputBeforeParsing() throws Exception {
        // Given
        byte[] png = DecodeReferences.bytes("rgb8_pillow_filters.png");

        // When / Then
        assertThat(new ImageDecoder(new ImageLimits(png.length, 10_000)).decode(png))
                .isNotNull();
        assertReason(
                () -> new ImageDecoder(new ImageLimits(png.length - 1, 10_000)).decode(png), Reason.TOO_LARGE_BYTES);
    }

    @Test
    void shouldReportEmptyWhenNoBytes() {
        assertReason(() -> decoder.decode(new byte[0]), Reason.EMPTY);
        assertReason(() -> decoder.decodeMask(null), Reason.EMPTY);
    }

    @Test
    void shouldReportUnsupportedWhenRandomBytes() {
        // Given
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 0x00; // make sure the noise does not start like a JPEG or PNG by accident

        // When / Then
        assertReason(() -> decoder.decode(noise), Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void shouldReportCorruptWhenSignatureIsFollowedByGarbage() {
        // Given
        byte[] noise = new byte[512];
        new Random(7).nextBytes(noise);
        byte[] png = noise.clone();
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, png, 0, 8);
        byte[] jpeg = noise.clone();
        jpeg[0] = (byte) 0xFF;
        jpeg[1] = (byte) 0xD8;
        jpeg[2] = (byte) 0xFF;

        // When / Then
        assertReason(() -> decoder.decode(png), Reason.CORRUPT);
        assertReason(() -> decoder.decode(jpeg), Reason.CORRUPT);
    }

    @Test
    void shouldReportCorruptWhenPngIsTruncated() throws IOException {
        // Given
        byte[] png = DecodeReferences.bytes("rgb8_pillow_filters.png");

        // When / Then
        assertReason(() -> decoder.decode(Arrays.copyOf(png, png.length / 2)), Reason.CORRUPT);
        assertReason(() -> decoder.decode(Arrays.copyOf(png, 33)), Reason.CORRUPT);
        assertReason(() -> decoder.decode(Arrays.copyOf(png, 20)), Reason.CORRUPT);
    }

    @Test
    void shouldReportCorruptWhenJpegIsTruncated() throws IOException {
        // Given
        byte[] jpeg = DecodeReferences.bytes("rgb_420.jpg");

        // When / Then: cut in the tables, in the scan data (the JDK reader pads and only warns), and before EOI
        // (Pillow raises "image file is truncated" for all of them)
        assertReason(() -> decoder.decode(Arrays.copyOf(jpeg, 40)), Reason.CORRUPT);
        assertReason(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length - 100)), Reason.CORRUPT);
        assertReason(() -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length - 2)), Reason.CORRUPT);
    }

    @Test
    void shouldReportCorruptWhenCompressedDataIsDamaged() throws IOException {
        // Given: an invalid zlib header at the start of the IDAT payload
        byte[] png = DecodeReferences.bytes("rgb8.png");
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.US_ASCII));
        png[idat + 4] = (byte) 0xFF;
        png[idat + 5] = (byte) 0xFF;

        // When / Then
        assertReason(() -> decoder.decode(png), Reason.CORRUPT);
    }

    @Test
    void shouldDecodeIdenticallyWhenCalledFromManyThreads() throws Exception {
        // Given
        byte[] jpeg = DecodeReferences.bytes("rgb_420.jpg");
        byte[] png = DecodeReferences.bytes("rgb16.png");
        byte[] expectedJpeg = DecodeReferences.expectedRgb("rgb_420.jpg");
        byte[] expectedPng = DecodeReferences.expectedRgb("rgb16.png");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // When
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                boolean useJpeg = i % 2 == 0;
                results.add(pool.submit(() -> Arrays.equals(
                        decoder.decode(useJpeg ? jpeg : png).pixels(), useJpeg ? expectedJpeg : expectedPng)));
            }

            // Then
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int indexOfMarker(byte[] jpeg, int from, int to) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            int m = jpeg[i + 1] & 0xFF;
            if ((jpeg[i] & 0xFF) == 0xFF && m >= from && m <= to) {
                return i;
            }
        }
        throw new AssertionError("no SOF marker");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
