/**
 * Probe (internal): whether the worker's dependencies work, judged by cheap probes rather than by one job's error.
 * {@code DependencyMonitor} runs a {@code Probe} per dependency ({@code StoreProbe}: one S3 request; {@code
 * BrokerProbe}: cluster and topic metadata) on a timer and sooner when jobs see transient failures of it, tells a
 * listener when a dependency goes down or comes back (intake is held meanwhile), and answers retry budgets and
 * readiness.
 */
package dev.vprompt.worker.internal.probe;
