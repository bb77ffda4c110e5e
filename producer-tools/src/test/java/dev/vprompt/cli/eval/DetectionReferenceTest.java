package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the detection protocol with what numpy, Pillow and torchvision do in the official detection evaluation
 * (src/test/python/detection_reference.py).
 */
class DetectionReferenceTest {

    private static final String DIR = "/eval/detection/";
    private static final JsonNode REFERENCE = load();

    @Test
    void shouldDrawTheOfficialClassesAndSupportsWhenSeeded() {
        REFERENCE.get("episodes").fields().forEachRemaining(entry -> {
            // Given
            long seed = Long.parseLong(entry.getKey());
            JsonNode ref = entry.getValue();
            List<VocImage> val = images("val", ref.get("val"));
            List<VocImage> train = images("train", ref.get("train"));
            JsonNode expected = ref.get("episodes");
            // When
            List<DetectionEpisodes.Episode> ours = DetectionEpisodes.sample(val, train, val.size(), seed);
            // Then
            assertThat(ours).hasSize(expected.size());
            for (int i = 0; i < ours.size(); i++) {
                assertThat(ours.get(i).classId())
                        .as("seed %d episode %d class", seed, i)
                        .isEqualTo(expected.get(i).get(0).asInt());
                assertThat(ours.get(i).support().name())
                        .as("seed %d episode %d support", seed, i)
                        .isEqualTo("train" + expected.get(i).get(1).asInt());
                assertThat(ours.get(i).query()).isSameAs(val.get(i));
            }
        });
    }

    @Test
    void shouldFallBackToTheLastShuffledSupportWhenNoTrainImageShowsTheClass() {
        // Given: the reference's train list never shows class 19, and its val list asks for it
        JsonNode ref = REFERENCE.get("episodes").get("0");
        List<VocImage> val = images("val", ref.get("val"));
        List<VocImage> train = images("train", ref.get("train"));
        // When
        List<DetectionEpisodes.Episode> ours = DetectionEpisodes.sample(val, train, val.size(), 0);
        // Then
        List<DetectionEpisodes.Episode> orphans =
                ours.stream().filter(e -> e.classId() == 19).toList();
        assertThat(orphans).isNotEmpty();
        orphans.forEach(e -> assertThat(e.support().labels()).doesNotContain(19));
    }

    @Test
    void shouldReproduceTheReleasedIndexingWhenGivenTheFlattenedSet() throws Exception {
        // Given: a torch.save'd list of (image index, label) pairs, as the released 2012_val_flattened_set.pth
        JsonNode ref = REFERENCE.get("flattened");
        JsonNode lists = REFERENCE.get("episodes").get("0");
        List<VocImage> val = images("val", lists.get("val"));
        List<VocImage> train = images("train", lists.get("train"));
        Path pth = Files.createTempFile("flattened", ".pth");
        try (InputStream in = DetectionReferenceTest.class.getResourceAsStream(DIR + "flattened.pth")) {
            Files.write(pth, in.readAllBytes());
        }
        // When
        FlattenedSet flattened = FlattenedSet.read(pth);
        List<DetectionEpisodes.Episode> ours =
                DetectionEpisodes.sample(val, train, val.size(), ref.get("seed").asLong(), flattened::imageIndex);
        // Then
        assertThat(flattened.size()).isEqualTo(ref.get("pairs").size());
        for (int i = 0; i < flattened.size(); i++) {
            assertThat(flattened.imageIndex(i))
                    .isEqualTo(ref.get("pairs").get(i).get(0).asInt());
        }
        JsonNode expected = ref.get("episodes");
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).query().name())
                    .isEqualTo("val" + expected.get(i).get(0).asInt());
            assertThat(ours.get(i).classId()).isEqualTo(expected.get(i).get(1).asInt());
            assertThat(ours.get(i).support().name())
                    .as("support of episode %d", i)
                    .isEqualTo("train" + expected.get(i).get(2).asInt());
        }
        Files.delete(pth);
    }

    @Test
    void shouldNameTheFileWhenTheFlattenedSetIsNotATorchSaveList() throws Exception {
        // Given
        Path notZip = Files.writeString(Files.createTempFile("bad", ".pth"), "not a zip");
        // When / Then
        assertThatThrownBy(() -> FlattenedSet.read(notZip))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining(notZip.toString());
        Files.delete(notZip);
    }

    @Test
    void shouldDrawBoxMasksAndResizeCellsLikeTheOfficialTransforms() throws Exception {
        JsonNode cells = REFERENCE.get("cells");
        for (int k = 0; k < cells.size(); k++) {
            // Given
            JsonNode c = cells.get(k);
            RgbImage input = png("cell_" + k + "_input.png");
            List<VocObject> boxes = new ArrayList<>();
            for (JsonNode b : c.get("boxes")) {
                boxes.add(new VocObject(
                        0,
                        b.get(0).asDouble(),
                        b.get(1).asDouble(),
                        b.get(2).asDouble(),
                        b.get(3).asDouble()));
            }
            // When
            RgbImage image = DetectionCells.cell(input);
            RgbImage mask = DetectionCells.maskCell(
                    c.get("width").asInt(), c.get("height").asInt(), boxes);
            // Then
            assertThat(image.pixels())
                    .as("cell %d image", k)
                    .isEqualTo(png("cell_" + k + "_image.png").pixels());
            assertThat(mask.pixels())
                    .as("cell %d mask", k)
                    .isEqualTo(png("cell_" + k + "_mask.png").pixels());
        }
    }

    @Test
    void shouldFollowPythonSliceRulesWhenBoxEdgesAreNegativeOrBeyondTheImage() {
        assertThat(DetectionCells.slice(0, 5, 10)).containsExactly(0, 5);
        assertThat(DetectionCells.slice(-1, 5, 10))
                .as("-1 means the last index")
                .containsExactly(9, 9);
        assertThat(DetectionCells.slice(-3, -1, 10)).containsExactly(7, 9);
        assertThat(DetectionCells.slice(4, 40, 10)).containsExactly(4, 10);
        assertThat(DetectionCells.slice(12, 40, 10)).containsExactly(10, 10);
        assertThat(DetectionCells.slice(-20, 3, 10)).containsExactly(0, 3);
    }

    /** Images named {@code <prefix><index>}, each with one object per label (boxes do not matter here). */
    private static List<VocImage> images(String prefix, JsonNode labels) {
        List<VocImage> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            List<VocObject> objects = new ArrayList<>();
            for (JsonNode l : labels.get(i)) {
                objects.add(new VocObject(l.asInt(), 0, 0, 1, 1));
            }
            out.add(new VocImage(prefix + i, 100, 100, objects));
        }
        return out;
    }

    private static RgbImage png(String name) throws Exception {
        try (InputStream in = DetectionReferenceTest.class.getResourceAsStream(DIR + name)) {
            return new ImageDecoder().decode(in.readAllBytes());
        }
    }

    private static JsonNode load() {
        try (InputStream in = DetectionReferenceTest.class.getResourceAsStream(DIR + "reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
