package dev.vprompt.engine.model;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Resolves {@link ModelOptions#device()} and checks the precision against it. Stateless; thread-safe. */
final class DeviceSelection {

    private DeviceSelection() {}

    static Device resolve(ModelOptions opts, Engine engine) {
        int gpus = engine.getGpuCount();
        Device device;
        if (opts.device().equals(ModelOptions.AUTO)) {
            device = gpus > 0 ? Device.gpu(0) : Device.cpu();
        } else if (opts.device().equals(ModelOptions.CPU)) {
            device = Device.cpu();
        } else {
            int index = opts.gpuIndex();
            if (index >= gpus) {
                throw new ModelConfigException(
                        "device " + opts.device() + " requested but " + gpus + " GPU(s) are visible to libtorch");
            }
            device = Device.gpu(index);
        }
        if (opts.precision().gpuOnly() && !device.isGpu()) {
            throw new ModelConfigException("precision " + opts.precision() + " needs a GPU, but the model would run on"
                    + " the CPU (device '" + opts.device() + "'); use FP32 on the CPU");
        }
        return device;
    }
}
