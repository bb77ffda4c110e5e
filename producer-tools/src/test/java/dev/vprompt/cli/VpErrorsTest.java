package dev.vprompt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error paths that fail before any connection is made: one line on stderr, exit status 1, nothing on stdout. */
class VpErrorsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int vp(String... args) {
        return Vp.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldPrintOneLineAndExitOneWhenTheInputFolderDoesNotExist(@TempDir Path dir) {
        // Given
        Path missing = dir.resolve("missing");
        // When
        int rc = vp("submit", "--examples", missing.toString(), "--queries", dir.toString());
        // Then
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("vp submit: examples folder does not exist: " + missing);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldPrintOneLineAndExitTwoWhenAFlagIsUnknown() {
        // When
        int rc = vp("await", "--jobid", "x");
        // Then
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().lines())
                .singleElement()
                .asString()
                .startsWith("vp await: Unknown option")
                .contains("'--jobid'")
                .endsWith("(see 'vp await --help')");
    }

    @Test
    void shouldRefuseBothLoadModesWhenGivenTogether() {
        // When
        int rc = vp("loadgen", "--rate", "5", "--concurrency", "2");
        // Then
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("mutually exclusive");
    }

    @Test
    void shouldExplainWhatToGiveWhenSubmitHasNoInput() {
        // When
        int rc = vp("submit");
        // Then
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString().lines())
                .containsExactly("vp submit: give --examples DIR and --queries DIR, or --manifest FILE");
    }

    @Test
    void shouldSayWhatIsMissingWhenTheDetectionFolderIsNotVoc(@TempDir Path dir) {
        // When
        int rc = vp("eval", "--dataset", "detection", "--root", dir.toString());
        // Then
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString().lines())
                .singleElement()
                .asString()
                .startsWith("vp eval: not a VOC detection folder")
                .contains("Annotations/");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldRefuseTheFlattenedSetWhenTheDatasetIsNotDetection(@TempDir Path dir) {
        // When
        int rc = vp("eval", "--dataset", "pascal", "--root", dir.toString(), "--flattened-set", "x.pth");
        // Then
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString().lines())
                .containsExactly("vp eval: --flattened-set applies to --dataset detection only");
    }

    @Test
    void shouldRejectABadDurationWithAnExampleWhenParsingFlags() {
        // When
        int rc = vp("await", "--count", "1", "--timeout", "forever");
        // Then
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString().lines()).singleElement().asString().contains("'forever'");
    }

    @Test
    void shouldTeachByExampleWhenAskedForHelp() {
        // When
        for (String cmd : new String[] {"stack", "submit", "await", "loadgen"}) {
            out.getBuffer().setLength(0);
            int rc = vp(cmd, "--help");
            // Then
            assertThat(rc).isZero();
            assertThat(out.toString()).contains("Examples:").contains("./vp " + cmd);
        }
    }
}
