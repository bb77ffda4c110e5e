package dev.vprompt.engine.model;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What libtorch can run on in this process: whether DJL loaded CUDA natives, and how many GPUs they see.
 *
 * <p>Immutable; {@link #probe()} is thread-safe (it starts the PyTorch engine on first use).
 *
 * @param cudaNatives whether the loaded libtorch was built with CUDA ({@code libtorch_cuda} beside {@code libtorch})
 * @param gpuCount GPUs visible to libtorch; 0 with CPU natives or when no GPU (or no driver) is visible
 * @param libtorchVersion the libtorch version, for the startup log line
 * @param note a caveat about {@code gpuCount} for the log line, or empty
 */
public record DeviceInventory(boolean cudaNatives, int gpuCount, String libtorchVersion, String note) {

    private static final String ENGINE = "PyTorch";

    public DeviceInventory {
        if (gpuCount < 0) {
            throw new IllegalArgumentException("gpuCount must not be negative: " + gpuCount);
        }
        if (gpuCount > 0 && !cudaNatives) {
            throw new IllegalArgumentException("GPUs are only visible through CUDA natives");
        }
        libtorchVersion = libtorchVersion == null ? "?" : libtorchVersion;
        note = note == null ? "" : note;
    }

    /**
     * Asks the PyTorch engine. DJL counts GPUs through the system's {@code libcudart} (loaded by JNA), which a
     * container with only the bundled, renamed CUDA runtime may lack; when libtorch itself sees CUDA but DJL counts
     * none, one GPU is assumed and the note says why.
     */
    public static DeviceInventory probe() {
        Engine engine = Engine.getEngine(ENGINE);
        boolean natives =
                Files.exists(Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName("torch_cuda")));
        boolean available = engine.hasCapability(StandardCapabilities.CUDA);
        int count = natives && available ? engine.getGpuCount() : 0;
        String note = "";
        if (natives && available && count == 0) {
            count = 1;
            note = "libtorch sees CUDA but DJL could not count the GPUs (no libcudart.so for JNA; set"
                    + " -Djna.library.path): using gpu:0 only";
        }
        return new DeviceInventory(natives, count, engine.getVersion(), note);
    }

    /** One phrase for the log line, e.g. {@code libtorch 2.5.1, CUDA natives, 2 GPUs visible}. */
    public String describe() {
        String gpus;
        if (!cudaNatives) {
            gpus = "CPU natives";
        } else if (gpuCount == 0) {
            gpus = "CUDA natives but no GPU visible (driver, NVIDIA_VISIBLE_DEVICES)";
        } else {
            gpus = "CUDA natives, " + gpuCount + (gpuCount == 1 ? " GPU" : " GPUs") + " visible";
        }
        return "libtorch " + libtorchVersion + ", " + gpus + (note.isEmpty() ? "" : "; " + note);
    }
}
