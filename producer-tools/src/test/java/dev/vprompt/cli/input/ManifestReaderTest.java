package dev.vprompt.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path dir;

    @BeforeEach
    void images() throws IOException {
        for (String f : List.of("a.png", "a_mask.png", "q.png", "q_mask.png")) {
            Files.write(dir.resolve(f), new byte[] {1});
        }
    }

    private Path manifest(String... lines) throws IOException {
        return Files.write(dir.resolve("jobs.jsonl"), List.of(lines));
    }

    @Test
    void shouldReadEveryFieldAndResolvePathsAgainstTheManifestWhenALineIsComplete() throws IOException {
        // Given
        Path m = manifest(
                "# a comment",
                "",
                "{\"jobId\":\"j1\",\"task\":\"detection\",\"layout\":\"GRID_2X2\",\"ensemble\":true,\"priority\":3,"
                        + "\"attributes\":{\"k\":\"v\"},\"query\":\"q.png\",\"groundTruth\":\"q_mask.png\","
                        + "\"examples\":[{\"input\":\"a.png\",\"output\":\"a_mask.png\"}]}",
                "{\"query\":\"s3://bucket/some/key.png\",\"examples\":[{\"input\":\"a.png\",\"output\":\"a_mask.png\"}]}");
        // When
        List<LocalJob> jobs = ManifestReader.read(m);
        // Then
        LocalJob first = jobs.get(0);
        assertThat(first.jobId()).isEqualTo("j1");
        assertThat(first.task()).isEqualTo(Task.DETECTION);
        assertThat(first.layout()).isEqualTo(PromptLayout.GRID_2X2);
        assertThat(first.ensemble()).isTrue();
        assertThat(first.priority()).isEqualTo(3);
        assertThat(first.attributes()).isEqualTo(Map.of("k", "v"));
        assertThat(first.query()).isEqualTo(new ImageSource.Local(dir.resolve("q.png")));
        assertThat(first.groundTruth()).isEqualTo(new ImageSource.Local(dir.resolve("q_mask.png")));
        LocalJob second = jobs.get(1);
        assertThat(second.jobId()).isNull();
        assertThat(second.task()).isNull();
        assertThat(second.query()).isInstanceOfSatisfying(ImageSource.Remote.class, r -> {
            assertThat(r.ref().getBucket()).isEqualTo("bucket");
            assertThat(r.ref().getKey()).isEqualTo("some/key.png");
        });
        assertThat(second.name()).isEqualTo("key");
    }

    @Test
    void shouldNameFileAndLineWhenAFileIsMissing() throws IOException {
        // Given
        Path m = manifest(
                "{\"query\":\"q.png\",\"examples\":[{\"input\":\"a.png\",\"output\":\"a_mask.png\"}]}",
                "{\"query\":\"nope.png\",\"examples\":[{\"input\":\"a.png\",\"output\":\"a_mask.png\"}]}");
        // When / Then
        assertThatThrownBy(() -> ManifestReader.read(m))
                .isInstanceOf(JobInputException.class)
                .hasMessageContaining("jobs.jsonl:2 query: no such file");
    }

    @Test
    void shouldListTheChoicesWhenAnEnumValueIsUnknown() throws IOException {
        // Given
        Path m = manifest("{\"task\":\"painting\",\"query\":\"q.png\","
                + "\"examples\":[{\"input\":\"a.png\",\"output\":\"a_mask.png\"}]}");
        // When / Then
        assertThatThrownBy(() -> ManifestReader.read(m))
                .isInstanceOf(JobInputException.class)
                .hasMessageContaining("'painting'")
                .hasMessageContaining("SEGMENTATION");
    }

    @Test
    void shouldRejectUnknownFieldsAndMissingExamplesWhenALineIsMalformed() throws IOException {
        // Given
        Path typo = manifest("{\"querry\":\"q.png\"}");
        // When / Then
        assertThatThrownBy(() -> ManifestReader.read(typo))
                .isInstanceOf(JobInputException.class)
                .hasMessageContaining("jobs.jsonl:1")
                .hasMessageContaining("querry");
        Path noExamples = manifest("{\"query\":\"q.png\"}");
        assertThatThrownBy(() -> ManifestReader.read(noExamples)).hasMessageContaining("\"examples\"");
        Path badS3 = manifest("{\"query\":\"s3://bucket\",\"examples\":[{\"input\":\"a.png\",\"output\":\"a.png\"}]}");
        assertThatThrownBy(() -> ManifestReader.read(badS3)).hasMessageContaining("not s3://bucket/key");
    }
}
