package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PngCodecTest {

    private final ImageDecoder decoder = new ImageDecoder();

    private static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[3 * w * h];
        new Random(seed).nextBytes(px);
        return new RgbImage(w, h, px);
    }

    @Test
    void shouldRoundTripExactlyWhenEncodingRgb() throws Exception {
        // Given
        RgbImage image = noise(37, 23, 1);

        // When
        byte[] png = PngCodec.encode(image);
        RgbImage back = decoder.decode(png);

        // Then
        assertThat(PngHeader.parse(png)).isEqualTo(new PngHeader(37, 23, 8, 2, 0));
        assertThat(back.pixels()).isEqualTo(image.pixels());
    }

    @Test
    void shouldWriteSingleChannelPngWhenEncodingMask() throws Exception {
        // Given: a mask with equal channels
        RgbImage rgb = noise(31, 17, 2);
        RgbImage mask = PilConversion.toMask(new RgbImage(31, 17, rgb.pixels().clone()));

        // When
        byte[] png = PngCodec.encodeGray(mask);

        // Then
        assertThat(PngHeader.parse(png)).isEqualTo(new PngHeader(31, 17, 8, 0, 0));
        assertThat(decoder.decodeMask(png).pixels()).isEqualTo(mask.pixels());
        assertThat(decoder.decode(png).pixels()).isEqualTo(mask.pixels());
    }

    @Test
    void shouldStoreLumaWhenEncodingColourAsGray() throws Exception {
        // Given
        RgbImage colour = noise(8, 8, 3);

        // When
        RgbImage gray = decoder.decode(PngCodec.encodeGray(colour));

        // Then: Pillow's L formula, checked on one pixel by hand-evaluating the definition
        int r = colour.get(5, 6, 0);
        int g = colour.get(5, 6, 1);
        int b = colour.get(5, 6, 2);
        assertThat(gray.get(5, 6, 1)).isEqualTo((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
    }

    @Test
    void shouldWriteOneBitPngWhenGrayValuesAreOnlyBlackAndWhite() throws Exception {
        // Given: a 29x13 mask (width not a multiple of 8, so rows are padded, and three whole bytes per row)
        byte[] gray = new byte[29 * 13];
        Random rnd = new Random(4);
        for (int i = 0; i < gray.length; i++) {
            gray[i] = rnd.nextBoolean() ? (byte) 255 : 0;
        }

        // When
        byte[] png = PngCodec.encodeGray(29, 13, gray);

        // Then: bit depth 1, and both this decoder and the JDK's own reader give the same values back
        assertThat(PngHeader.parse(png)).isEqualTo(new PngHeader(29, 13, 1, 0, 0));
        byte[] expected = new byte[3 * gray.length];
        for (int i = 0; i < gray.length; i++) {
            java.util.Arrays.fill(expected, 3 * i, 3 * i + 3, gray[i]);
        }
        assertThat(decoder.decodeMask(png).pixels()).isEqualTo(expected);
        java.awt.image.BufferedImage jdk = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(PilConversion.toRgb(jdk, false).pixels()).isEqualTo(expected);
    }

    @Test
    void shouldKeepEightBitsWhenGrayHasIntermediateValues() throws Exception {
        // Given
        byte[] gray = {0, (byte) 255, 0, (byte) 128};

        // When
        byte[] png = PngCodec.encodeGray(2, 2, gray);

        // Then
        assertThat(PngHeader.parse(png).bitDepth()).isEqualTo(8);
        assertThat(decoder.decodeMask(png).get(1, 1, 0)).isEqualTo(128);
    }

    @Test
    void shouldDecodeIdenticallyWithJdkReaderWhenEncodingRgb() throws Exception {
        // Given
        RgbImage image = noise(64, 9, 5);

        // When
        byte[] png = PngCodec.encode(image);

        // Then: an independent decoder reads the same pixels
        java.awt.image.BufferedImage jdk = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertThat(PilConversion.toRgb(jdk, false).pixels()).isEqualTo(image.pixels());
    }

    @Test
    void shouldCountTheFilteredBytesWhileFilteringRows() {
        // Given an odd-width image (rows not a multiple of four bytes)
        RgbImage image = noise(37, 23, 9);

        for (int from : new int[] {0, 5}) {
            // When rows from..22 are filtered with and without counting
            long[] counts = new long[256];
            byte[] counted = PngCodec.filter(image.pixels(), 3 * 37, from, 23, counts);
            byte[] plain = PngCodec.filter(image.pixels(), 3 * 37, from, 23);

            // Then both write the same bytes, and the counts are their histogram, filter bytes included
            assertThat(counted).isEqualTo(plain).hasSize((23 - from) * (3 * 37 + 1));
            assertThat(counts).isEqualTo(HuffmanDeflateTest.counts(counted, 0, counted.length));
        }
    }
}
