package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepeatingRowsPngTest {

    private static final int SIZE = 224;
    private static final int HEAD = 112;

    private final ImageDecoder decoder = new ImageDecoder();

    /** A canvas-like picture: a head drawn from {@code headSeed}, the rows below from {@code tailSeed}. */
    private static RgbImage canvas(long headSeed, long tailSeed) {
        byte[] px = new byte[3 * SIZE * SIZE];
        Random head = new Random(headSeed);
        Random tail = new Random(tailSeed);
        for (int y = 0; y < SIZE; y++) {
            Random r = y < HEAD ? head : tail;
            for (int x = 0; x < 3 * SIZE; x++) {
                px[3 * SIZE * y + x] = (byte) ((x * 7 + y * 3) / 16 + r.nextInt(4)); // smooth-ish, as canvases
            }
        }
        return new RgbImage(SIZE, SIZE, px);
    }

    @ParameterizedTest
    @EnumSource(RepeatingRowsPng.Tail.class)
    void shouldDecodeToTheImageWhenHeadsRepeatAcrossImages(RepeatingRowsPng.Tail tail) throws Exception {
        // Given two canvases that share their first 112 rows (a stored tail of 112 rows of 673 bytes needs two blocks)
        RepeatingRowsPng png = new RepeatingRowsPng(RepeatingRowsPng.DEFAULT_CAPACITY, tail);
        RgbImage first = canvas(1, 10);
        RgbImage second = canvas(1, 20);

        // When both are encoded
        byte[] a = png.encode(first, HEAD);
        byte[] b = png.encode(second, HEAD);

        // Then each decodes, with the project's decoder and the JDK's, to its own pixels, and one head was kept
        assertThat(decoder.decode(a).pixels()).isEqualTo(first.pixels());
        assertThat(decoder.decode(b).pixels()).isEqualTo(second.pixels());
        java.awt.image.BufferedImage jdk = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(b));
        assertThat(PilConversion.toRgb(jdk, false).pixels()).isEqualTo(second.pixels());
        assertThat(png.cachedHeads()).isEqualTo(1);
    }

    @Test
    void shouldCodeTheHeadAgainWhenItsRowsChange() throws Exception {
        // Given a head that was coded once
        RepeatingRowsPng png = new RepeatingRowsPng();
        png.encode(canvas(1, 10), HEAD);
        RgbImage changed = canvas(2, 10);

        // When an image with other head rows comes
        byte[] bytes = png.encode(changed, HEAD);

        // Then its own head is used
        assertThat(decoder.decode(bytes).pixels()).isEqualTo(changed.pixels());
        assertThat(png.cachedHeads()).isEqualTo(2);
    }

    @Test
    void shouldNotReuseAHeadWhenOnlyOnePixelDiffers() throws Exception {
        // Given a head that was coded once, and an image whose head differs in one byte
        RepeatingRowsPng png = new RepeatingRowsPng();
        RgbImage original = canvas(1, 10);
        png.encode(original, HEAD);
        byte[] px = original.pixels().clone();
        px[3 * SIZE * 50 + 17] ^= 1;
        RgbImage nearlySame = new RgbImage(SIZE, SIZE, px);

        // When
        byte[] bytes = png.encode(nearlySame, HEAD);

        // Then the PNG holds the changed pixel
        assertThat(decoder.decode(bytes).pixels()).isEqualTo(px);
    }

    @Test
    void shouldWriteTheTailAtItsRawSizeWhenStored() {
        // Given a stored-tail coder and the default one
        RepeatingRowsPng stored = new RepeatingRowsPng(RepeatingRowsPng.DEFAULT_CAPACITY, RepeatingRowsPng.Tail.STORED);
        RepeatingRowsPng compressed = new RepeatingRowsPng();
        RgbImage image = canvas(1, 20);

        // When
        byte[] a = stored.encode(image, HEAD);
        byte[] b = compressed.encode(image, HEAD);

        // Then the stored file holds every tail byte (rows and their filter bytes) and is larger than the compressed
        assertThat(a.length).isGreaterThan((SIZE - HEAD) * (3 * SIZE + 1));
        assertThat(a.length).isGreaterThan(b.length);
        // and every chunk's CRC matches its type and data (decoders need not check them)
        assertThat(badCrcChunks(a)).isZero();
    }

    /** Chunks of {@code png} whose stored CRC-32 is not that of their type and data. */
    private static int badCrcChunks(byte[] png) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(png);
        in.position(8);
        int bad = 0;
        while (in.remaining() >= 12) {
            int length = in.getInt();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(png, in.position(), 4 + length);
            in.position(in.position() + 4 + length);
            if (in.getInt() != (int) crc.getValue()) {
                bad++;
            }
        }
        return bad;
    }

    @Test
    void shouldKeepAtMostItsCapacityWhenManyHeadsPass() {
        // Given a cache of two heads
        RepeatingRowsPng png = new RepeatingRowsPng(2, RepeatingRowsPng.Tail.COMPRESSED);

        // When five distinct heads pass
        for (int seed = 0; seed < 5; seed++) {
            png.encode(canvas(seed, 0), HEAD);
        }

        // Then only two are kept
        assertThat(png.cachedHeads()).isEqualTo(2);
    }

    @Test
    void shouldWriteAsPngCodecDoesWhenThereIsNoHead() {
        // Given
        RepeatingRowsPng png = new RepeatingRowsPng();
        RgbImage image = canvas(3, 4);

        // When / Then: no split, the single-stream encoding
        assertThat(png.encode(image, 0)).isEqualTo(PngCodec.encode(image));
        assertThat(png.encode(image, SIZE)).isEqualTo(PngCodec.encode(image));
        assertThat(png.cachedHeads()).isZero();
    }
}
