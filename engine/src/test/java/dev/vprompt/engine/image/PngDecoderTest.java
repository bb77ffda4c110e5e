package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The direct PNG path against the JDK's PNG reader (followed by the same Pillow sample rules) on hand-made PNGs whose
 * rows use every filter type, and its failures.
 */
class PngDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    /** A PNG of random samples whose row {@code y} is filtered with type {@code y % 5}, IDAT split every 97 bytes. */
    static byte[] png(int width, int height, int colorType, int bitDepth, long seed) throws IOException {
        int channels = new PngHeader(width, height, bitDepth, colorType, 0).channels();
        int bitsPerPixel = channels * bitDepth;
        int stride = (width * bitsPerPixel + 7) / 8;
        int bpp = Math.max(1, bitsPerPixel / 8);
        Random rnd = new Random(seed);
        byte[] raw = new byte[stride * height];
        rnd.nextBytes(raw);
        if (colorType == PngHeader.COLOR_PALETTE && bitDepth == 8) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (byte) ((raw[i] & 0xFF) % 50); // indices inside the 50-entry palette
            }
        }
        ByteArrayOutputStream filtered = new ByteArrayOutputStream();
        byte[] prev = new byte[stride];
        for (int y = 0; y < height; y++) {
            byte[] row = Arrays.copyOfRange(raw, y * stride, (y + 1) * stride);
            int type = y % 5;
            filtered.write(type);
            for (int i = 0; i < stride; i++) {
                int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
                int b = prev[i] & 0xFF;
                int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                int predictor = switch (type) {
                    case 0 -> 0;
                    case 1 -> a;
                    case 2 -> b;
                    case 3 -> (a + b) / 2;
                    default -> paeth(a, b, c);
                };
                filtered.write((row[i] - predictor) & 0xFF);
            }
            prev = row;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put(new byte[] {(byte) bitDepth, (byte) colorType, 0, 0, 0})
                        .array());
        if (colorType == PngHeader.COLOR_PALETTE) {
            byte[] palette = new byte[3 * 50];
            rnd.nextBytes(palette);
            chunk(out, "PLTE", palette);
        }
        byte[] z = deflate(filtered.toByteArray());
        for (int off = 0; off < z.length; off += 97) {
            chunk(out, "IDAT", Arrays.copyOfRange(z, off, Math.min(z.length, off + 97)));
        }
        chunk(out, "IDAT", new byte[0]);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(typeBytes);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @ParameterizedTest(name = "colour type {0}, {1} bits")
    @CsvSource({"2,8", "6,8", "0,8", "4,8", "3,8", "0,1", "0,2", "0,4", "3,1", "3,2", "3,4"})
    void shouldMatchJdkReaderWhenRowsUseEveryFilterType(int colorType, int bitDepth) throws Exception {
        // Given
        byte[] png = png(23, 17, colorType, bitDepth, 31L * colorType + bitDepth);
        assertThat(PngDecoder.supports(PngHeader.parse(png))).isTrue();
        RgbImage viaImageIo = PilConversion.toRgb(ImageIO.read(new ByteArrayInputStream(png)), false);

        // When
        RgbImage direct = decoder.decode(png);

        // Then
        assertThat(direct.pixels()).isEqualTo(viaImageIo.pixels());
    }

    @Test
    void shouldReportCorruptWhenRowFilterIsUnknown() throws IOException {
        // Given: filter type 5 on the first row
        byte[] raw = new byte[(1 + 3 * 4) * 2];
        raw[0] = 5;
        byte[] png = withImageData(4, 2, deflate(raw));

        // When / Then
        assertThatThrownBy(() -> decoder.decode(png))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT))
                .hasMessageContaining("filter");
    }

    @Test
    void shouldReportCorruptWhenImageDataEndsBeforeLastRow() throws IOException {
        // Given: a complete zlib stream holding one row of two
        byte[] png = withImageData(4, 2, deflate(new byte[1 + 3 * 4]));

        // When / Then
        assertThatThrownBy(() -> decoder.decode(png))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
    }

    @Test
    void shouldReportCorruptWhenPaletteImageHasNoPalette() throws IOException {
        // Given
        byte[] png = png(5, 5, PngHeader.COLOR_PALETTE, 8, 1);
        byte[] noPalette = removeChunk(png, "PLTE");

        // When / Then
        assertThatThrownBy(() -> decoder.decode(noPalette))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT));
    }

    private static byte[] withImageData(int width, int height, byte[] zlib) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(
                out,
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put(new byte[] {8, 2, 0, 0, 0})
                        .array());
        chunk(out, "IDAT", zlib);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] removeChunk(byte[] png, String type) {
        int pos = PngHeader.AFTER_IHDR;
        while (pos + 8 <= png.length) {
            int length = PngHeader.readInt(png, pos);
            if (new String(png, pos + 4, 4, StandardCharsets.US_ASCII).equals(type)) {
                byte[] out = new byte[png.length - 12 - length];
                System.arraycopy(png, 0, out, 0, pos);
                System.arraycopy(png, pos + 12 + length, out, pos, png.length - pos - 12 - length);
                return out;
            }
            pos += 12 + length;
        }
        throw new AssertionError("no " + type);
    }
}
