package dev.vprompt.cli.train;

import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.data.CanvasStore;
import dev.vprompt.training.data.TokenStore;
import dev.vprompt.training.loop.TrainingCheckpoint;
import dev.vprompt.training.tokenizer.ReconstructionScore;
import dev.vprompt.training.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The trained tokenizer of a folder as the stages after it need it: its weights, and the tokens of every training
 * canvas under it (computed once, shared by {@code vp train decoder} and {@code vp train mae}).
 *
 * <p>Not thread-safe: one stage on the calling thread.
 *
 * @param file the tokenizer's checkpoint
 */
record TrainedTokenizer(Workspace ws, Path file, StateDict weights) {

    /** Unseen canvases a stage scores its tokenizer's reconstruction on. */
    static final int SCORED_CANVASES = 64;

    /**
     * How well the tokenizer in {@code checkpoint} reproduces the folder's first {@value #SCORED_CANVASES} held-out
     * canvases (fewer when it has fewer).
     */
    static ReconstructionScore reconstruction(Workspace ws, MaeVqganConfig cfg, Path checkpoint) throws IOException {
        try (Tokenizer t = Tokenizer.of(cfg, TrainingCheckpoint.read(checkpoint).model());
                CanvasStore held = CanvasStore.open(ws.file(Workspace.EVAL_CANVASES))) {
            return ReconstructionScore.of(t, held, 0, Math.min(SCORED_CANVASES, held.count()), 8);
        }
    }

    /** The tokenizer of {@code dir}; fails, saying what to run, when there is none. */
    static TrainedTokenizer of(Path dir) {
        Workspace ws = new Workspace(dir);
        Path file = ws.file(Workspace.TOKENIZER);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + file + ": run 'vp train tokenizer --dir " + dir + "' first");
        }
        return new TrainedTokenizer(ws, file, TrainingCheckpoint.read(file).model());
    }

    /** The tokens of {@code data}, read from the folder or computed with the stage's progress bar. */
    TokenStore tokens(CanvasStore data, StageRun run) throws IOException {
        return ws.tokens(data, run.cfg(), weights, Workspace.fingerprint(file), run.progress("tokens"));
    }
}
