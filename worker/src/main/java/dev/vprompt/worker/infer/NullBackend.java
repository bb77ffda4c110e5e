package dev.vprompt.worker.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.PatchMask;
import java.util.ArrayList;
import java.util.List;

/**
 * A model that predicts nothing: it returns each canvas unchanged. Used to measure what the pipeline itself costs
 * per job (Kafka, S3, decoding, canvases, PNG encoding) without the model. Its embedding ({@link #embed}) is a plain
 * pixel feature, so retrieval can be exercised without a model. Not thread-safe (stateless, but owned like every
 * backend by one inference thread).
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

    /**
     * The mean colour of every visible patch, centred on its own mean and scaled to unit length (all zeros for a
     * single-colour image): identical pictures embed identically, similar pictures nearby.
     */
    @Override
    public List<float[]> embed(List<Canvas> canvases) {
        List<float[]> out = new ArrayList<>(canvases.size());
        for (Canvas c : canvases) {
            out.add(pixelFeature(c));
        }
        return out;
    }

    static float[] pixelFeature(Canvas c) {
        PatchMask mask = c.mask();
        int size = PatchMask.PATCH_SIZE;
        List<Double> values = new ArrayList<>();
        for (int p = 0; p < PatchMask.PATCHES; p++) {
            if (mask.isPredicted(p)) {
                continue;
            }
            int x0 = (p % PatchMask.GRID) * size;
            int y0 = (p / PatchMask.GRID) * size;
            for (int ch = 0; ch < 3; ch++) {
                long sum = 0;
                for (int y = y0; y < y0 + size; y++) {
                    for (int x = x0; x < x0 + size; x++) {
                        sum += c.image().get(x, y, ch);
                    }
                }
                values.add(sum / (double) (size * size));
            }
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double norm = Math.sqrt(
                values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum());
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = norm == 0 ? 0f : (float) ((values.get(i) - mean) / norm);
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
