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
}
