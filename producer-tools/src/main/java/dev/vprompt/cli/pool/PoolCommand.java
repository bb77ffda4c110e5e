package dev.vprompt.cli.pool;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vp pool}: example pools for retrieval (see {@code build}). */
@Command(
        name = "pool",
        mixinStandardHelpOptions = true,
        description = "Example pools: jobs that name one get their examples picked by similarity to the query.",
        subcommands = {PoolBuildCommand.class})
public final class PoolCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
