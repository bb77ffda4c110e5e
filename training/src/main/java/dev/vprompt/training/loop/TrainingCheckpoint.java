package dev.vprompt.training.loop;

import ai.djl.ndarray.NDManager;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.checkpoint.TorchCheckpoint;
import dev.vprompt.engine.checkpoint.TorchCheckpointWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resumable training checkpoint in the official layout: {@code model} (the weights under their official names),
 * {@code optimizer} (AdamW moments), {@code trainer} (the step, the elapsed time and stage state such as the
 * codebook's moving averages), {@code epoch} and {@code args}. Written to a temporary file and moved into place, so
 * an interrupted write never replaces a good checkpoint.
 *
 * @param model the weights
 * @param optimizer the optimizer state
 * @param trainer the stage state, with {@code step} and {@code elapsed_ms}
 */
public record TrainingCheckpoint(StateDict model, StateDict optimizer, StateDict trainer) {

    static final String OPTIMIZER = "optimizer";
    static final String TRAINER = "trainer";
    static final String STEP = "step";
    static final String ELAPSED = "elapsed_ms";

    /** Writes the checkpoint with {@code args} (hyper-parameters, for the record). */
    public void write(Path file, long step, Duration elapsed, Map<String, ?> args) {
        Map<String, TensorData> t = new LinkedHashMap<>(trainer.tensors());
        t.put(STEP, scalar(STEP, step));
        t.put(ELAPSED, scalar(ELAPSED, elapsed.toMillis()));
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        TorchCheckpointWriter.create()
                .model(model)
                .tensors(OPTIMIZER, optimizer)
                .tensors(TRAINER, new StateDict(t))
                .epoch(step)
                .args(args)
                .write(tmp);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move checkpoint into place: " + file, e);
        }
    }

    /** Reads a checkpoint {@link #write} wrote. */
    public static TrainingCheckpoint read(Path file) {
        return new TrainingCheckpoint(
                TorchCheckpoint.read(file), TorchCheckpoint.read(file, OPTIMIZER), TorchCheckpoint.read(file, TRAINER));
    }

    /** The step the checkpoint was written after. */
    public long step(NDManager m) {
        return value(m, STEP);
    }

    /** Training time before the checkpoint. */
    public Duration elapsed(NDManager m) {
        return Duration.ofMillis(value(m, ELAPSED));
    }

    private long value(NDManager m, String key) {
        try (var a = ParameterStore.toArray(m, trainer.get(key))) {
            return a.toLongArray()[0];
        }
    }

    private static TensorData scalar(String name, long value) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(value).flip();
        return new TensorData(
                name, new long[] {1}, DType.INT64, b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }
}
