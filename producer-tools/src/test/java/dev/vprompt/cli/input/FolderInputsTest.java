package dev.vprompt.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderInputsTest {

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
        return p;
    }

    @Test
    void shouldMakeOneJobPerQueryWithEveryPairAndMatchingGroundTruthWhenTheLayoutIsComplete() throws IOException {
        // Given
        touch("examples/input/b.png");
        touch("examples/output/b.png");
        touch("examples/input/a.jpg");
        touch("examples/output/a.png");
        touch("examples/input/notes.txt");
        Path q1 = touch("queries/input/q1.png");
        Path q2 = touch("queries/input/q2.png");
        Path gt1 = touch("queries/output/q1.png");
        // When
        List<LocalJob> jobs = FolderInputs.read(dir.resolve("examples"), dir.resolve("queries"));
        // Then
        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).query()).isEqualTo(new ImageSource.Local(q1));
        assertThat(jobs.get(0).groundTruth()).isEqualTo(new ImageSource.Local(gt1));
        assertThat(jobs.get(1).query()).isEqualTo(new ImageSource.Local(q2));
        assertThat(jobs.get(1).groundTruth()).isNull();
        assertThat(jobs.get(0).examples())
                .extracting(p ->
                        ((ImageSource.Local) p.input()).file().getFileName().toString())
                .containsExactly("a.jpg", "b.png");
        assertThat(jobs.get(0).name()).isEqualTo("q1");
    }

    @Test
    void shouldTakeQueryImagesFromTheFolderItselfWhenThereIsNoInputSubfolder() throws IOException {
        // Given
        touch("examples/input/a.png");
        touch("examples/output/a.png");
        touch("queries/x.png");
        // When
        List<LocalJob> jobs = FolderInputs.read(dir.resolve("examples"), dir.resolve("queries"));
        // Then
        assertThat(jobs).singleElement().extracting(LocalJob::name).isEqualTo("x");
    }

    @Test
    void shouldNameTheMissingOutputWhenAnExampleHasNoPartner() throws IOException {
        // Given
        touch("examples/input/a.png");
        touch("examples/output/other.png");
        touch("queries/q.png");
        // When / Then
        assertThatThrownBy(() -> FolderInputs.read(dir.resolve("examples"), dir.resolve("queries")))
                .isInstanceOf(JobInputException.class)
                .hasMessageContaining("a.png has no output");
    }

    @Test
    void shouldExplainTheLayoutWhenExamplesHaveNoSubfolders() throws IOException {
        // Given
        touch("examples/a.png");
        touch("queries/q.png");
        // When / Then
        assertThatThrownBy(() -> FolderInputs.read(dir.resolve("examples"), dir.resolve("queries")))
                .isInstanceOf(JobInputException.class)
                .hasMessageContaining("input/ and output/");
    }

    @Test
    void shouldRejectWhenThereAreMorePairsThanAJobTakes() throws IOException {
        // Given
        for (int i = 0; i <= FolderInputs.MAX_EXAMPLES; i++) {
            touch("examples/input/e" + i + ".png");
            touch("examples/output/e" + i + ".png");
        }
        touch("queries/q.png");
        // When / Then
        assertThatThrownBy(() -> FolderInputs.read(dir.resolve("examples"), dir.resolve("queries")))
                .isInstanceOf(JobInputException.class)
                .hasMessageContaining("at most " + FolderInputs.MAX_EXAMPLES);
    }
}
