package dev.vprompt.worker.internal.infer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Unique names for a worker's devices, used in thread names ({@code vp-infer-<label>}), metrics ({@code device} tag)
 * and logs: a device listed once keeps its name ({@code cpu}, {@code gpu:0}); a device listed several times, one
 * inference thread and model copy each, is numbered in order ({@code cpu#0}, {@code cpu#1}). Stateless.
 */
final class DeviceLabels {

    private DeviceLabels() {}

    /** One label per device, in the same order. */
    static List<String> of(List<String> devices) {
        Map<String, Integer> count = new HashMap<>();
        devices.forEach(d -> count.merge(d, 1, Integer::sum));
        Map<String, Integer> next = new HashMap<>();
        List<String> labels = new ArrayList<>(devices.size());
        for (String d : devices) {
            if (count.get(d) == 1) {
                labels.add(d);
            } else {
                int n = next.getOrDefault(d, 0);
                next.put(d, n + 1);
                labels.add(d + "#" + n);
            }
        }
        return labels;
    }
}
