/**
 * Public API. The worker's meters, defined once (name, unit, description, tags) in
 * {@link dev.vprompt.worker.metrics.WorkerMetrics} and exported for Prometheus; the per-stage times are the numbers
 * the completion events carry.
 */
package dev.vprompt.worker.metrics;
