/** Metrics: the worker's meters, defined once and exported for Prometheus. */
package dev.vprompt.worker.metrics;
