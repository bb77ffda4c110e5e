package dev.vprompt.worker.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import java.util.ArrayList;
import java.util.List;

/**
 * A model that predicts nothing: it returns each canvas unchanged. Used to measure what the pipeline itself costs
 * per job (Kafka, S3, decoding, canvases, PNG encoding) without the model. Not thread-safe (stateless, but owned
 * like every backend by one inference thread).
 */
public final class NullBackend implements InferenceBackend {

    @Override
    public List<InferenceOutput> infer(List<Canvas> canvases) {
        List<InferenceOutput> out = new ArrayList<>(canvases.size());
        for (Canvas c : canvases) {
            out.add(new InferenceOutput(new int[PatchMask.PATCHES], c.image()));
        }
        return out;
    }

    @Override
    public String device() {
        return "none";
    }

    @Override
    public void close() {}
}
