package dev.vprompt.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The inference devices a worker runs, one inference thread and one model copy each, resolved from its configured
 * list against what libtorch can see.
 *
 * <ul>
 *   <li>{@code auto}: every visible GPU when CUDA natives are loaded and see at least one, else the CPU;
 *   <li>{@code gpu}: every visible GPU (an error when there is none);
 *   <li>{@code gpu:N}: that GPU (an error when it is not visible);
 *   <li>{@code cpu}: the CPU; listed twice, two CPU threads with a model each.
 * </ul>
 *
 * <p>Precision: {@link Precision#BF16} is refused everywhere, {@link Precision#FP16} on the CPU (see
 * {@link #FP16_ON_CPU}).
 *
 * <p>Immutable; {@link #resolve} is a pure function, so it is tested with a made-up {@link DeviceInventory}.
 *
 * @param devices the devices in order, e.g. {@code [gpu:0, gpu:1]} or {@code [cpu]}
 * @param summary one line saying what was asked, what was found and what was chosen (for the startup log)
 */
public record DevicePlan(List<String> devices, String summary) {

    /**
     * Why a worker refuses FP16 on the CPU although the engine can run it there (for comparisons): libtorch has no
     * fast half-precision CPU kernels, so it is many times slower than FP32 (BENCHMARKS.md, precision).
     */
    public static final String FP16_ON_CPU = "precision FP16 on the CPU runs many times slower than FP32 (libtorch has"
            + " no fast half-precision CPU kernels): use FP32 on the CPU, FP16 on GPUs";

    public DevicePlan {
        devices = List.copyOf(devices);
        Objects.requireNonNull(summary, "summary");
    }

    /**
     * Resolves the configured devices.
     *
     * @throws ModelConfigException listing every device that cannot be had, or the precision if no device can run it
     */
    public static DevicePlan resolve(List<String> requested, Precision precision, DeviceInventory inventory) {
        Objects.requireNonNull(precision, "precision");
        List<String> problems = new ArrayList<>();
        String unavailable = precision.unavailableReason();
        if (unavailable != null) {
            problems.add(unavailable);
        }
        if (requested.isEmpty()) {
            problems.add("no device configured");
        }
        List<String> out = new ArrayList<>();
        for (String raw : requested) {
            String d = raw.trim().toLowerCase(Locale.ROOT);
            int gpus = inventory.gpuCount();
            if (d.equals(ModelOptions.AUTO)) {
                if (inventory.cudaNatives() && gpus > 0) {
                    addGpus(out, gpus);
                } else {
                    out.add(ModelOptions.CPU);
                }
            } else if (d.equals(ModelOptions.CPU)) {
                out.add(ModelOptions.CPU);
            } else if (d.equals("gpu")) {
                if (gpus == 0) {
                    problems.add("device 'gpu' asks for every GPU, but none is visible (" + inventory.describe() + ")");
                }
                addGpus(out, gpus);
            } else if (d.matches("gpu:\\d{1,3}")) {
                int index = Integer.parseInt(d.substring(4));
                if (index >= gpus) {
                    problems.add("device " + d + " is not visible: " + gpus + " GPU(s) (" + inventory.describe() + ")");
                }
                out.add(d);
            } else {
                problems.add("unknown device '" + raw + "' (auto, cpu, gpu or gpu:N)");
            }
        }
        if (precision == Precision.FP16 && out.contains(ModelOptions.CPU)) {
            problems.add(FP16_ON_CPU);
        }
        if (!problems.isEmpty()) {
            throw new ModelConfigException(String.join("; ", problems));
        }
        String summary =
                "devices " + requested + " -> " + out + " (" + inventory.describe() + "), precision " + precision;
        return new DevicePlan(out, summary);
    }

    private static void addGpus(List<String> out, int count) {
        for (int i = 0; i < count; i++) {
            out.add("gpu:" + i);
        }
    }
}
