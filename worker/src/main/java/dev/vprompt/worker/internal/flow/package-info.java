/**
 * Flow (internal): the stage chain ({@code JobFlow}) that carries each admitted record from decode to publish and
 * marks its offset complete, and the intake gate ({@code IntakeGate}: in-flight bound, pause/resume hysteresis,
 * holds, drain) that starts and drives the job source. {@code RetryBackPressure} holds intake while an operation is
 * being retried.
 */
package dev.vprompt.worker.internal.flow;
