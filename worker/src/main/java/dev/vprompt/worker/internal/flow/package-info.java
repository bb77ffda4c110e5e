/**
 * Flow (internal): the stage chain ({@code JobFlow}, with {@code BatchStage} and {@code JobEnding}) that carries each
 * admitted record ({@code JobRun}) from decode to publish and marks its offset complete, and the intake gate
 * ({@code IntakeGate}: in-flight bound, pause/resume hysteresis, holds while a dependency is down, drain) that starts
 * and drives the job source. {@code RetryReporter} counts retries and tells the dependency probes what jobs suspect.
 */
package dev.vprompt.worker.internal.flow;
