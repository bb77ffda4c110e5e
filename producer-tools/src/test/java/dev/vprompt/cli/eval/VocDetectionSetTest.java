package dev.vprompt.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading VOC detection annotations and splits, and the official single-object filter. */
class VocDetectionSetTest {

    @TempDir
    Path root;

    @Test
    void shouldShiftTheMinimumCornerToZeroBasedEdgesWhenParsingABox() {
        // Given
        String xml = annotation(
                500, 375, object("dog", "48", "240", "195", "371"), object("person", "8.5", "12", "100", "200"));
        // When
        VocImage image = VocDetectionSet.parse("2008_000001", bytes(xml));
        // Then
        assertThat(image.width()).isEqualTo(500);
        assertThat(image.height()).isEqualTo(375);
        assertThat(image.objects())
                .containsExactly(
                        new VocObject(VocDetectionSet.CLASS_NAMES.indexOf("dog"), 47, 239, 195, 371),
                        new VocObject(VocDetectionSet.CLASS_NAMES.indexOf("person"), 7.5, 11, 100, 200));
        assertThat(image.objects().get(0).area()).isEqualTo((195 - 47) * (371 - 239));
    }

    @Test
    void shouldKeepOnlySingleObjectsBelowAFifthOfTheImageWhenReadingASplit() throws Exception {
        // Given: 100x100 pictures; the filter's area is (xmax - xmin + 1) * (ymax - ymin + 1)
        writeImage("small", annotation(100, 100, object("cat", "1", "1", "20", "20"))); // 400 / 10000
        writeImage("edge", annotation(100, 100, object("cat", "1", "1", "40", "50"))); // exactly 0.2: dropped
        writeImage("below", annotation(100, 100, object("cat", "1", "1", "40", "49"))); // 0.196: kept
        writeImage(
                "two", annotation(100, 100, object("cat", "1", "1", "5", "5"), object("dog", "50", "50", "55", "55")));
        writeImage("none", annotation(100, 100));
        writeList("val", "small", "edge", "", "below", "two", "none");
        // When
        List<VocImage> val = VocDetectionSet.open(root).split("val");
        // Then
        assertThat(val).extracting(VocImage::name).containsExactly("small", "below");
    }

    @Test
    void shouldNameTheFileWhenAnAnnotationIsMalformed() throws Exception {
        // Given
        writeImage("broken", "<annotation><size><width>10</width>");
        writeImage("badclass", annotation(100, 100, object("unicorn", "1", "1", "5", "5")));
        writeImage("badnumber", annotation(100, 100, object("cat", "one", "1", "5", "5")));
        writeImage("nosize", "<annotation><object/></annotation>");
        VocDetectionSet set = VocDetectionSet.open(root);
        // When / Then
        assertThatThrownBy(() -> set.annotation("broken"))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("broken.xml")
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> set.annotation("badclass")).hasMessageContaining("unknown class 'unicorn'");
        assertThatThrownBy(() -> set.annotation("badnumber")).hasMessageContaining("<xmin> is not a number");
        assertThatThrownBy(() -> set.annotation("nosize")).hasMessageContaining("lacks <size>");
        assertThatThrownBy(() -> set.annotation("absent"))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("absent.xml");
    }

    @Test
    void shouldRefuseDoctypesWhenAnAnnotationDeclaresAnExternalEntity() throws Exception {
        // Given
        Path secret = Files.writeString(root.resolve("secret.txt"), "cat");
        writeImage(
                "xxe",
                "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                        + annotation(100, 100, object("&x;", "1", "1", "5", "5")));
        // When / Then
        assertThatThrownBy(() -> VocDetectionSet.open(root).annotation("xxe"))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldSayWhatIsMissingWhenTheFolderIsNotVoc() {
        assertThatThrownBy(() -> VocDetectionSet.open(root))
                .isInstanceOf(EvalDataException.class)
                .hasMessageContaining("Annotations/")
                .hasMessageContaining("ImageSets/Main/");
    }

    @Test
    void shouldWriteAFilterableVocSetWithSupportsForEveryValClassWhenGenerating() throws Exception {
        // When
        VocGenerator.write(root, 4, 11);
        VocDetectionSet set = VocDetectionSet.open(root);
        List<VocImage> val = set.split("val");
        List<VocImage> train = set.split("train");
        // Then: most pictures pass the filter, the ones with a visible distractor do not
        List<String> valNames =
                Files.readAllLines(root.resolve("VOCdevkit/VOC2012/ImageSets/Main/val.txt"), StandardCharsets.UTF_8);
        assertThat(valNames).hasSize(40);
        assertThat(val.size()).isBetween(10, 39);
        assertThat(train).hasSize(40);
        for (String name : valNames) {
            VocImage image = set.annotation(name);
            assertThat(val.contains(image)).isEqualTo(VocDetectionSet.keptByOfficialFilter(image));
            assertThat(Files.size(root.resolve("VOCdevkit/VOC2012/JPEGImages/" + name + ".jpg")))
                    .isPositive();
        }
        assertThat(val.stream().anyMatch(v -> v.objects().size() > 1)).isFalse();
        // and every episode finds a support of its own class
        for (DetectionEpisodes.Episode e : DetectionEpisodes.sample(val, train, val.size(), 0)) {
            assertThat(e.support().labels()).contains(e.classId());
        }
    }

    private void writeImage(String name, String xml) throws Exception {
        Path base = root.resolve("VOCdevkit/VOC2012");
        Files.createDirectories(base.resolve("JPEGImages"));
        Files.createDirectories(base.resolve("ImageSets/Main"));
        Files.writeString(Files.createDirectories(base.resolve("Annotations")).resolve(name + ".xml"), xml);
    }

    private void writeList(String split, String... names) throws Exception {
        Files.writeString(
                root.resolve("VOCdevkit/VOC2012/ImageSets/Main/" + split + ".txt"), String.join("\n", names) + "\n");
    }

    private static String annotation(int w, int h, String... objects) {
        return "<annotation><filename>x.jpg</filename><size><width>" + w + "</width><height>" + h
                + "</height><depth>3</depth></size>" + String.join("", objects) + "</annotation>";
    }

    private static String object(String cls, String xmin, String ymin, String xmax, String ymax) {
        return "<object><name>" + cls + "</name><difficult>0</difficult><bndbox><xmin>" + xmin + "</xmin><ymin>" + ymin
                + "</ymin><xmax>" + xmax + "</xmax><ymax>" + ymax + "</ymax></bndbox></object>";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
