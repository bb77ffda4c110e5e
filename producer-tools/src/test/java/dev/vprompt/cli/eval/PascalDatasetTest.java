package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PascalDatasetTest {

    @TempDir
    Path dir;

    @Test
    void shouldListEveryClassOfItsFoldWithTwoOrMoreImagesWhenGenerated() throws Exception {
        // Given
        PascalGenerator.write(dir, 3, 42);
        PascalDataset ds = PascalDataset.open(dir, null);
        for (int fold = 0; fold < PascalDataset.FOLDS; fold++) {
            // When
            List<PascalEntry> entries = ds.fold(fold);
            // Then
            Set<Integer> classes = new HashSet<>();
            for (PascalEntry e : entries) {
                assertThat(e.classId() / 5)
                        .as("entry %s belongs to fold %d", e, fold)
                        .isEqualTo(fold);
                classes.add(e.classId());
            }
            assertThat(classes).hasSize(5);
            for (int c : classes) {
                assertThat(entries.stream().filter(e -> e.classId() == c).count())
                        .isGreaterThanOrEqualTo(3);
            }
        }
    }

    @Test
    void shouldExtractANonEmptyBinaryMaskOfTheListedClassWhenReadingClassMaps() throws Exception {
        // Given
        PascalGenerator.write(dir, 2, 7);
        PascalDataset ds = PascalDataset.open(dir, null);
        for (PascalEntry e : ds.fold(1)) {
            // When
            RgbImage mask = ds.binaryMask(e.name(), e.classId());
            RgbImage photo = new ImageDecoder().decode(ds.imageBytes(e.name()));
            // Then
            assertThat(mask.width()).isEqualTo(photo.width());
            assertThat(mask.height()).isEqualTo(photo.height());
            int white = 0;
            for (int i = 0; i < mask.pixels().length; i++) {
                int v = mask.pixels()[i] & 0xFF;
                assertThat(v).isIn(0, 255);
                white += v == 255 ? 1 : 0;
            }
            assertThat(white).as("mask of %s", e).isPositive();
        }
    }

    @Test
    void shouldNameWhatIsMissingWhenTheFolderIsNotPascal() throws Exception {
        // Given
        Files.createDirectories(dir.resolve("JPEGImages"));
        // When / Then
        assertThatThrownBy(() -> PascalDataset.open(dir, null))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("SegmentationClassAug")
                .hasMessageContaining("--splits");
    }
}
