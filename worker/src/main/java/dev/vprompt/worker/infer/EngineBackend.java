package dev.vprompt.worker.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.model.Inpainting;
import dev.vprompt.engine.model.MaeVqgan;
import java.util.ArrayList;
import java.util.List;

/** The MAE-VQGAN model on one device. Not thread-safe: owned by one inference thread, which also closes it. */
final class EngineBackend implements InferenceBackend {

    private final MaeVqgan model;

    EngineBackend(MaeVqgan model) {
        this.model = model;
    }

    @Override
    public List<InferenceOutput> infer(List<Canvas> canvases) {
        List<Inpainting> results = model.inpaint(canvases);
        List<InferenceOutput> out = new ArrayList<>(results.size());
        for (Inpainting r : results) {
            out.add(new InferenceOutput(r.tokens(), r.pasted()));
        }
        return out;
    }

    @Override
    public List<float[]> embed(List<Canvas> canvases) {
        return model.embed(canvases);
    }

    @Override
    public String device() {
        return model.deviceName();
    }

    @Override
    public int liveArrays() {
        return model.liveArrayCount();
    }

    @Override
    public void releaseCachedMemory() {
        model.releaseCachedMemory();
    }

    @Override
    public void close() {
        model.close();
    }
}
