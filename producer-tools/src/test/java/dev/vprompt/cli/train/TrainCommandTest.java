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

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldExportAServableModelWhenBothStagesRunInOneFolder() throws Exception {
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

        // Then
        assertThat(tok.code()).as(tok.err()).isZero();
        assertThat(tok.out())
                .contains("load average at start")
                .contains("tokenizer: 1 steps")
                .contains("reconstruction of");
        assertThat(tok.err()).contains("canvases [").contains("tokenizer [");
        assertThat(mae.code()).as(mae.err()).isZero();
        assertThat(mae.out()).contains("mae: 1 steps").contains("sha256");
        Path pth = dir.resolve("model").resolve(ModelExport.CHECKPOINT);
        String sha = Files.readString(pth.resolveSibling(ModelExport.CHECKPOINT + ".sha256"));
        assertThat(sha).startsWith(dev.vprompt.training.Workspace.sha256(pth));
        MaeVqganConfig exported = MaeVqganConfig.fromJson(dir.resolve("model").resolve(ModelExport.CONFIG));
        assertThat(exported).isEqualTo(cfg);
        try (MaeVqgan model = MaeVqgan.load(Checkpoints.load(pth), exported, ModelOptions.cpu())) {
            assertThat(model.parameterCount()).isPositive();
        }
    }

    @Test
    void shouldSayWhatToRunFirstWhenTheMaeStageHasNoTokenizer() {
        // When
        Result r = vp("train", "mae", "--dir", dir.resolve("empty").toString());

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
