/**
 * Load generation against a running pipeline: {@link dev.vprompt.cli.load.LoadGenerator} offers jobs at a fixed rate
 * (open loop) or a fixed concurrency (closed loop) for a measurement window after a warm-up, measures end-to-end
 * latency on the client clock, and returns a {@link dev.vprompt.cli.load.LoadReport}. Used by {@code vp loadgen} and
 * reusable in-process (e.g. against an in-process worker for a pipeline benchmark).
 */
package dev.vprompt.cli.load;
