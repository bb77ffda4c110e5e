package dev.vprompt.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vprompt.cli.Vp;
import dev.vprompt.engine.checkpoint.Checkpoints;
import dev.vprompt.engine.model.MaeVqgan;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.ModelOptions;
import dev.vprompt.engine.model.VqganConfig;
import dev.vprompt.training.ModelExport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldExportAServableModelWhenEveryStageRunsInOneFolder() throws Exception {
        // Given: a tiny architecture
        VqganConfig v = new VqganConfig(8, 64, 8, List.of(1, 1, 1, 2, 2), 1, List.of(), 8, 256, 3, 3, false, 0.0, 4);
        MaeVqganConfig cfg = new MaeVqganConfig(224, 16, 16, 1, 2, 16, 1, 2, 2.0, 1e-6, 3, 64, v);
        Path config = dir.resolve("tiny.json");
        new ObjectMapper().writeValue(config.toFile(), cfg);
        Path work = dir.resolve("run");

        // When
        Result tok = vp(
                "train",
                "tokenizer",
                "--dir",
                work.toString(),
                "--config",
                config.toString(),
                "--canvases",
                "4",
                "--steps",
                "1",
                "--batch",
                "2",
                "--crop",
                "32",
                "--threads",
                "1");
        Result mae = vp(
                "train",
                "mae",
                "--dir",
                work.toString(),
                "--steps",
                "1",
                "--batch",
                "2",
                "--threads",
                "1",
                "--out",
                dir.resolve("model").toString());

        Path pth = dir.resolve("model").resolve(ModelExport.CHECKPOINT);
        String maeSha = Files.readString(pth.resolveSibling(ModelExport.CHECKPOINT + ".sha256"));
        Result dec = vp(
                "train",
                "decoder",
                "--dir",
                work.toString(),
                "--steps",
                "1",
                "--batch",
                "1",
                "--threads",
                "1",
                "--out",
                dir.resolve("model").toString());

        // Then
        assertThat(tok.code()).as(tok.err()).isZero();
        assertThat(tok.out())
                .contains("load average at start")
                .contains("tokenizer: 1 steps")
                .contains("reconstruction of");
        assertThat(tok.err()).contains("canvases [").contains("tokenizer [");
        assertThat(mae.code()).as(mae.err()).isZero();
        assertThat(mae.out()).contains("mae: 1 steps").contains("sha256").contains("decoder of tokenizer.pth");
        assertThat(dec.code()).as(dec.err()).isZero();
        assertThat(dec.out())
                .contains("decoder: 1 steps")
                .contains("reconstruction of")
                .contains("decoder of decoder.pth");
        assertThat(dec.err()).contains("decoder [");
        String sha = Files.readString(pth.resolveSibling(ModelExport.CHECKPOINT + ".sha256"));
        assertThat(sha).startsWith(dev.vprompt.training.Workspace.sha256(pth)).isNotEqualTo(maeSha);
        MaeVqganConfig exported = MaeVqganConfig.fromJson(dir.resolve("model").resolve(ModelExport.CONFIG));
        assertThat(exported).isEqualTo(cfg);
        try (MaeVqgan model = MaeVqgan.load(Checkpoints.load(pth), exported, ModelOptions.cpu())) {
            assertThat(model.parameterCount()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mae", "decoder"})
    void shouldSayWhatToRunFirstWhenAStageHasNoTokenizer(String stage) {
        // When
        Result r = vp("train", stage, "--dir", dir.resolve("empty").toString());

        // Then
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("run 'vp train tokenizer --dir");
    }

    private record Result(int code, String out, String err) {}

    private static Result vp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Vp.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }
}
