package dev.vprompt.training;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.VqganConfig;
import dev.vprompt.training.data.CanvasGenerator;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.HeldOut;
import dev.vprompt.training.loop.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

/** A tiny architecture and data set for trainer tests (seconds of CPU). */
public final class TinyModel {

    private TinyModel() {}

    /** MAE 16 wide with one block each side; VQGAN ch 8, 4 GroupNorm groups, a 64 x 8 codebook. */
    public static MaeVqganConfig config() {
        VqganConfig v = new VqganConfig(8, 64, 8, List.of(1, 1, 1, 2, 2), 1, List.of(), 8, 256, 3, 3, false, 0.0, 4);
        return new MaeVqganConfig(224, 16, 16, 1, 2, 16, 1, 2, 2.0, 1e-6, 3, 64, v);
    }

    /** {@code count} generated canvases in {@code file}. */
    public static CanvasStore canvases(Path file, int count) throws IOException {
        CanvasGenerator g = new CanvasGenerator(21, HeldOut.officialSynthetic(0, 0), CanvasGenerator.defaultShares());
        CanvasStore.write(file, g, 21, count, 1, i -> {});
        return CanvasStore.open(file);
    }

    /** A progress bar writing into {@code sink}. */
    public static Progress progress(StringWriter sink) {
        return new Progress("test", new PrintWriter(sink, true), false);
    }
}
