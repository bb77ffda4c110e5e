package dev.vprompt.cli;

import dev.vprompt.cli.engine.BenchCommand;
import dev.vprompt.cli.engine.CanvasCommand;
import dev.vprompt.cli.engine.InferCommand;
import dev.vprompt.cli.engine.ScoreCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vp} command line. Every subcommand prints one clear line and exits non-zero on error. */
@Command(
        name = "vp",
        mixinStandardHelpOptions = true,
        version = "vprompt 0.1.0",
        description = "Visual prompting (MAE-VQGAN inpainting) at stream scale.",
        subcommands = {
            WorkerCommand.class,
            CanvasCommand.class,
            InferCommand.class,
            ScoreCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Vp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Vp());
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + CliErrors.oneLine(e));
            if (Boolean.getBoolean("vprompt.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        cl.setParameterExceptionHandler(new ParameterErrors());
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
