package dev.vprompt.engine.post;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.canvas.Cell;
import dev.vprompt.engine.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ColorRoundingTest {

    private static final List<RgbColor> WHITE_BLACK = List.of(RgbColor.WHITE, RgbColor.BLACK);

    /**
     * Expected values worked out by hand from the README formula: distance to WHITE of c is ((c+1) mod 256)^2 mod
     * 256, to BLACK c^2 mod 256, per channel, summed; WHITE (index 0) wins ties.
     */
    @ParameterizedTest(name = "grey {0} → official {1}, nearest {2}")
    @CsvSource({
        // c, official index, nearest index
        "0, 1, 1", // WHITE 3*1=3, BLACK 0
        "16, 1, 1", // WHITE 3*(17^2 mod 256 = 33), BLACK 3*(256 mod 256 = 0)
        "200, 1, 0", // WHITE 3*(201^2 mod 256 = 209), BLACK 3*(40000 mod 256 = 64): wrap-around picks BLACK
        "255, 0, 0", // WHITE 0, BLACK 3*(65025 mod 256 = 1)
        "127, 0, 1", // WHITE 3*(128^2 mod 256 = 0), BLACK 3*(16129 mod 256 = 1)
        "128, 1, 0", // WHITE 3*(129^2 mod 256 = 1), BLACK 3*(16384 mod 256 = 0)
    })
    void shouldSnapGreyLikeTheWorkedExamplesWhenPaletteIsWhiteBlack(int c, int official, int nearest) {
        // When
        int officialIndex = ColorRounding.OFFICIAL_UINT8.snapIndex(c, c, c, WHITE_BLACK);
        int nearestIndex = ColorRounding.NEAREST.snapIndex(c, c, c, WHITE_BLACK);

        // Then
        assertThat(officialIndex).isEqualTo(official);
        assertThat(nearestIndex).isEqualTo(nearest);
    }

    @Test
    void shouldPickTheFirstColourWhenDistancesTie() {
        // Given: black is equally far from red and blue in both modes
        List<RgbColor> redFirst = List.of(RgbColor.RED, RgbColor.BLUE);
        List<RgbColor> blueFirst = List.of(RgbColor.BLUE, RgbColor.RED);

        // When / Then
        for (ColorRounding rounding : ColorRounding.values()) {
            assertThat(rounding.snapIndex(0, 0, 0, redFirst))
                    .as(rounding.name())
                    .isZero();
            assertThat(rounding.snapIndex(0, 0, 0, blueFirst))
                    .as(rounding.name())
                    .isZero();
        }
    }

    @Test
    void shouldReturnOnlyTheCellWhenRoundingARegion() {
        // Given: a 4x3 image, white except pixel (2,1) which is dark grey
        byte[] px = RgbImage.filled(4, 3, 255, 255, 255).pixels().clone();
        int i = 3 * (1 * 4 + 2);
        px[i] = 30;
        px[i + 1] = 40;
        px[i + 2] = 50;
        RgbImage image = new RgbImage(4, 3, px);

        // When
        RgbImage rounded = ColorRounding.NEAREST.round(image, new Cell(1, 1, 3, 2), WHITE_BLACK);

        // Then
        assertThat(rounded.width()).isEqualTo(3);
        assertThat(rounded.height()).isEqualTo(2);
        assertThat(BinaryMask.ofColor(rounded, RgbColor.BLACK).bits())
                .containsExactly(false, true, false, false, false, false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ColorRounding.class)
    void shouldSnapEveryPixelOfTheRegionAsSnapIndexDoesWhenPixelsAndPalettesAreRandom(ColorRounding rounding) {
        // Given: random pixels, random regions, random palettes with repeated colours (ties: the first one wins)
        Random random = new Random(7);
        for (int trial = 0; trial < 40; trial++) {
            List<RgbColor> palette = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                palette.add(randomColour(random));
            }
            palette.add(palette.get(0));
            palette.add(RgbColor.WHITE);
            // When / Then
            assertSnapsAsTheOnePixelDefinition(rounding, random, palette);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ColorRounding.class)
    void shouldSnapEveryPixelAsSnapIndexDoesWhenThePaletteHasTwoColours(ColorRounding rounding) {
        // Given: two-colour palettes (the masks' case, which has its own code path): black/white, white/black,
        // random pairs, and one colour twice (every pixel ties: the first wins)
        Random random = new Random(8);
        List<List<RgbColor>> palettes = new ArrayList<>(List.of(
                List.of(RgbColor.BLACK, RgbColor.WHITE),
                List.of(RgbColor.WHITE, RgbColor.BLACK),
                List.of(RgbColor.WHITE, RgbColor.WHITE)));
        for (int i = 0; i < 30; i++) {
            palettes.add(List.of(randomColour(random), random.nextBoolean() ? RgbColor.WHITE : randomColour(random)));
        }
        for (List<RgbColor> palette : palettes) {
            // When / Then
            assertSnapsAsTheOnePixelDefinition(rounding, random, palette);
        }
    }

    private static RgbColor randomColour(Random random) {
        return new RgbColor(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    /** Rounds a random region of a random image with {@code palette}, both ways, and checks every pixel. */
    private static void assertSnapsAsTheOnePixelDefinition(
            ColorRounding rounding, Random random, List<RgbColor> palette) {
        int w = 1 + random.nextInt(40);
        int h = 1 + random.nextInt(30);
        byte[] px = new byte[3 * w * h];
        random.nextBytes(px);
        RgbImage image = new RgbImage(w, h, px);
        int rx = random.nextInt(w);
        int ry = random.nextInt(h);
        Cell region = new Cell(rx, ry, 1 + random.nextInt(w - rx), 1 + random.nextInt(h - ry));
        RgbImage rounded = rounding.round(image, region, palette);
        BinaryMask white = rounding.snapsTo(image, region, palette, RgbColor.WHITE);
        for (int y = 0; y < region.height(); y++) {
            for (int x = 0; x < region.width(); x++) {
                int sx = region.x() + x;
                int sy = region.y() + y;
                RgbColor expected = palette.get(
                        rounding.snapIndex(image.get(sx, sy, 0), image.get(sx, sy, 1), image.get(sx, sy, 2), palette));
                assertThat(new RgbColor(rounded.get(x, y, 0), rounded.get(x, y, 1), rounded.get(x, y, 2)))
                        .as("palette %s at (%d, %d)", palette, sx, sy)
                        .isEqualTo(expected);
                assertThat(white.bits()[y * region.width() + x]).isEqualTo(expected.equals(RgbColor.WHITE));
            }
        }
    }
}
