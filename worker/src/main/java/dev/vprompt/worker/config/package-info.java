/**
 * Worker configuration: one validated record per concern, every default a named constant, all problems reported
 * at startup. {@link dev.vprompt.worker.config.WorkerConfigLoader} reads YAML plus {@code VP_*} overrides.
 */
package dev.vprompt.worker.config;
