package dev.vprompt.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vprompt.engine.checkpoint.DType;
import dev.vprompt.engine.checkpoint.StateDict;
import dev.vprompt.engine.checkpoint.TensorData;
import dev.vprompt.engine.checkpoint.TorchCheckpointWriter;
import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.engine.model.TrainableForward;
import dev.vprompt.training.loop.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a trained model as the official code saves one: a checkpoint whose {@code model} entry is the state dict
 * under the official names (MAE encoder, then every {@code vae.*} tensor including the encoder and
 * {@code quant_conv}, then the MAE decoder), with {@code epoch} and {@code args}, next to the {@code config.json} of
 * its architecture. The same loader reads it as reads the official weights. Stateless.
 */
public final class ModelExport {

    /** File name of the exported checkpoint. */
    public static final String CHECKPOINT = "mae-vqgan.pth";
    /** File name of the exported architecture. */
    public static final String CONFIG = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelExport() {}

    /**
     * Writes {@code dir/mae-vqgan.pth} and {@code dir/config.json}.
     *
     * @param dtype {@code FLOAT32} or {@code FLOAT16} storage
     * @return the checkpoint's path
     */
    public static Path write(
            Path dir, MaeVqganConfig cfg, StateDict mae, StateDict tokenizer, DType dtype, Map<String, ?> args)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, TensorData> ordered = new LinkedHashMap<>();
        Map<String, long[]> maeShapes = TrainableForward.maeShapes(cfg);
        boolean vaeWritten = false;
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            for (String name : maeShapes.keySet()) {
                if (name.startsWith("decoder_embed") && !vaeWritten) {
                    for (String v : TrainableForward.tokenizerShapes(cfg).keySet()) {
                        ordered.put(v, convert(m, tokenizer.get(v), dtype));
                    }
                    vaeWritten = true;
                }
                ordered.put(name, convert(m, mae.get(name), dtype));
            }
        }
        Path pth = dir.resolve(CHECKPOINT);
        TorchCheckpointWriter.create()
                .model(new StateDict(ordered))
                .epoch(0)
                .args(args)
                .write(pth);
        JSON.writeValue(dir.resolve(CONFIG).toFile(), cfg);
        return pth;
    }

    private static TensorData convert(NDManager m, TensorData t, DType dtype) {
        if (t.dtype() == dtype) {
            return t;
        }
        try (NDArray a = ParameterStore.toArray(m, t)) {
            return ParameterStore.toTensor(t.name(), a, dtype);
        }
    }
}
