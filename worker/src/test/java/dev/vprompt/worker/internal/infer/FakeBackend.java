package dev.vprompt.worker.internal.infer;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.canvas.CanvasBuilder;
import dev.vprompt.engine.canvas.PatchMask;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.worker.infer.InferenceBackend;
import dev.vprompt.worker.infer.InferenceOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A backend for tests: each output carries its input canvas's image (so order can be checked), and {@code behaviour}
 * may throw for a call. It records the size of every call, counts cache releases and reports {@link #live} as its
 * live NDArrays. Thread-safe records.
 */
final class FakeBackend implements InferenceBackend {

    /** Thrown by a call that "runs out of memory", with libtorch's CUDA allocator's text. */
    static RuntimeException cudaOom() {
        return new RuntimeException("CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity)");
    }

    final List<Integer> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger releases = new AtomicInteger();
    final AtomicInteger live = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private final String device;
    private volatile Function<List<Canvas>, RuntimeException> behaviour;

    /** @param behaviour returns what a call throws, or null when it succeeds */
    FakeBackend(String device, Function<List<Canvas>, RuntimeException> behaviour) {
        this.device = device;
        this.behaviour = behaviour;
    }

    /** A backend that runs out of memory on calls of more than {@code k} canvases. */
    static FakeBackend oomAbove(int k) {
        return new FakeBackend("gpu:0", c -> c.size() > k ? cudaOom() : null);
    }

    void behave(Function<List<Canvas>, RuntimeException> newBehaviour) {
        behaviour = newBehaviour;
    }

    @Override
    public List<InferenceOutput> infer(List<Canvas> canvases) {
        calls.add(canvases.size());
        RuntimeException e = behaviour.apply(canvases);
        if (e != null) {
            throw e;
        }
        List<InferenceOutput> out = new ArrayList<>(canvases.size());
        for (Canvas c : canvases) {
            out.add(new InferenceOutput(new int[PatchMask.PATCHES], c.image()));
        }
        return out;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public int liveArrays() {
        return live.get();
    }

    @Override
    public void releaseCachedMemory() {
        releases.incrementAndGet();
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** A canvas whose query cell is filled with a colour made from {@code n}: distinct canvases for distinct n. */
    static Canvas canvas(int n) {
        RgbImage example = RgbImage.filled(32, 32, 10, 20, 30);
        RgbImage query = RgbImage.filled(32, 32, n % 256, (n / 256) % 256, 77);
        return new CanvasBuilder().grid2x2(example, example, query, null);
    }

    /** Canvases 0 .. n-1. */
    static List<Canvas> canvases(int n) {
        List<Canvas> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(canvas(i));
        }
        return out;
    }

    /** Whether {@code canvas} is {@link #canvas(int) canvas(n)}. */
    static boolean is(Canvas canvas, int n) {
        return java.util.Arrays.equals(
                canvas.image().pixels(), canvas(n).image().pixels());
    }
}
