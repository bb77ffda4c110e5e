package dev.vprompt.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vp bench}: the project's performance figures, measured by {@code vp} commands rather than timed tests.
 *
 * <p>Not thread-safe: picocli runs a command instance once, on the calling thread.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        usageHelpWidth = 120,
        description = {
            "Benchmarks: 'model' (inference images/s per batch size), 'checkpoint' (checkpoint load MB/s).",
            "Figures depend on the machine and its load: each run reports device, threads and the load average."
        },
        subcommands = {
            BenchModelCommand.class,
            BenchCheckpointCommand.class,
            BenchPrecisionCommand.class,
            PipelineBenchCommand.class
        })
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
