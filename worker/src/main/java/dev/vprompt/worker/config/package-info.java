/**
 * Public API. Worker configuration: one validated record per concern with plain values, every default a named
 * constant, built with a builder (or read from YAML plus {@code VP_*} overrides by
 * {@link dev.vprompt.worker.config.WorkerConfigLoader}); every problem is reported at startup, at once.
 */
package dev.vprompt.worker.config;
