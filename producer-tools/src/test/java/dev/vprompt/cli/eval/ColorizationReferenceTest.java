package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.training.scenes.ImageOps;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares the colorization protocol with what numpy and torchvision do (src/test/python/colorization_reference.py). */
class ColorizationReferenceTest {

    private static final String DIR = "/eval/colorization/";
    private static final JsonNode REFERENCE = load();

    @TempDir
    Path tmp;

    @Test
    void shouldDrawTheOfficialQueryAndSupportIndicesWhenSeededWithFive() {
        // Given
        JsonNode draws = REFERENCE.get("draws");
        int episodes = draws.get("queries").size();
        // When
        int[][] ours = ColorizationEval.episodes(draws.get("samples").asInt(), episodes);
        // Then
        for (int i = 0; i < episodes; i++) {
            assertThat(ours[i][0])
                    .as("query of episode %d", i)
                    .isEqualTo(draws.get("queries").get(i).asInt());
            assertThat(ours[i][1])
                    .as("support of episode %d", i)
                    .isEqualTo(draws.get("supports").get(i).asInt());
        }
    }

    @Test
    void shouldListSamplesInImageFolderOrderWhenFoldersNestAndExtensionsMix() throws Exception {
        // Given
        for (JsonNode f : REFERENCE.get("imagefolder").get("files")) {
            Path p = tmp.resolve("val").resolve(f.asText());
            Files.createDirectories(p.getParent());
            Files.createFile(p);
        }
        // When
        ImageNetFolder folder = ImageNetFolder.open(tmp);
        // Then
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < folder.size(); i++) {
            ours.add(tmp.resolve("val").relativize(folder.path(i)).toString());
        }
        List<String> expected = new ArrayList<>();
        REFERENCE.get("imagefolder").get("order").forEach(n -> expected.add(n.asText()));
        assertThat(ours).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldCropAndGrayLikeTorchvisionWhenSizesAreOddEvenOrTooSmall() throws Exception {
        for (JsonNode c : REFERENCE.get("crops")) {
            // Given
            String name = c.asText();
            RgbImage input = png(name + ".png");
            // When
            RgbImage crop = ImageOps.centerCrop(input, 111, 111);
            RgbImage gray = ImageOps.grayscale(crop);
            // Then
            RgbImage color = png(name + "_color.png");
            assertThat(crop.width()).isEqualTo(color.width());
            assertThat(crop.height()).isEqualTo(color.height());
            assertThat(crop.pixels()).as(name + " crop").isEqualTo(color.pixels());
            assertThat(gray.pixels())
                    .as(name + " gray")
                    .isEqualTo(png(name + "_gray.png").pixels());
        }
    }

    @Test
    void shouldRefuseMoreEpisodesThanTheFolderAllows() throws Exception {
        ImageNetGenerator.write(tmp, 1, 3);
        ImageNetFolder folder = ImageNetFolder.open(tmp);
        assertThat(folder.size()).isEqualTo(ImageNetGenerator.CLASSES);
        assertThatThrownBy(() -> new ColorizationEval(folder, folder.size()))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("query indices");
    }

    private static RgbImage png(String name) throws Exception {
        try (InputStream in = ColorizationReferenceTest.class.getResourceAsStream(DIR + name)) {
            return new ImageDecoder().decode(in.readAllBytes());
        }
    }

    private static JsonNode load() {
        try (InputStream in = ColorizationReferenceTest.class.getResourceAsStream(DIR + "reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
