package dev.vprompt.cli.chaos;

import java.util.List;

/** JVM options of the worker processes. */
final class WorkerJvms {

    /**
     * Null-model workers: a small heap; an OutOfMemoryError ends the process (an orchestrator would restart it); the
     * client compiler only: these JVMs live minutes and share the cores with the stack and the load, and C2's
     * compilations at start delay readiness (delivery does not depend on the JIT; the soak's workers keep C2).
     */
    static final List<String> NULL_MODEL =
            List.of("-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1");

    /**
     * Soak workers (random tiny model): the heap is fixed and touched at start, so that RSS after warm-up moves only
     * with native memory (libtorch, direct buffers, threads) and not with heap sizing; one libtorch thread each, as
     * two workers share the cores. Every GC is logged with its wall-clock time in the worker's log, so a slow minute
     * of the soak can be matched with the pauses in it.
     */
    static final List<String> SOAK = List.of(
            "-Xms512m",
            "-Xmx512m",
            "-XX:+AlwaysPreTouch",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dai.djl.pytorch.num_threads=1",
            "-Dai.djl.pytorch.num_interop_threads=1",
            "-Xlog:gc:stdout:time,uptime");

    private WorkerJvms() {}
}
