package dev.vprompt.engine.model;

import ai.djl.Device;

/** Resolves {@link ModelOptions#device()} and checks the precision against it. Stateless; thread-safe. */
final class DeviceSelection {

    private DeviceSelection() {}

    static Device resolve(ModelOptions opts, DeviceInventory inventory) {
        int gpus = inventory.gpuCount();
        Device device;
        if (opts.device().equals(ModelOptions.AUTO)) {
            device = gpus > 0 ? Device.gpu(0) : Device.cpu();
        } else if (opts.device().equals(ModelOptions.CPU)) {
            device = Device.cpu();
        } else {
            int index = opts.gpuIndex();
            if (index >= gpus) {
                throw new ModelConfigException("device " + opts.device() + " requested but " + gpus
                        + " GPU(s) are visible (" + inventory.describe() + ")");
            }
            device = Device.gpu(index);
        }
        String unavailable = opts.precision().unavailableReason();
        if (unavailable != null) {
            throw new ModelConfigException(unavailable);
        }
        return device;
    }
}
