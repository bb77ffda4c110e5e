/**
 * Job (internal): what every stage says about a job in flight: its stable {@code ErrorCode}s (the strings are part of
 * the event contract), the {@code JobFailure} that says whether a retry can help, and its per-stage
 * {@code JobTimings}; where its results go ({@code ResultKeys}) and how text that came from it is logged
 * ({@code SafeText}).
 */
package dev.vprompt.worker.internal.job;
