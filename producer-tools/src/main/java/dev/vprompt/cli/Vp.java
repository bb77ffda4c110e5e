package dev.vprompt.cli;

import dev.vprompt.cli.bench.BenchCommand;
import dev.vprompt.cli.chaos.ChaosCommand;
import dev.vprompt.cli.demo.DemoCommand;
import dev.vprompt.cli.engine.CanvasCommand;
import dev.vprompt.cli.engine.InferCommand;
import dev.vprompt.cli.engine.ScoreCommand;
import dev.vprompt.cli.eval.EvalCommand;
import dev.vprompt.cli.options.DurationConverter;
import dev.vprompt.cli.pool.PoolCommand;
import dev.vprompt.cli.train.TrainCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vp} command line. Every subcommand prints one clear line and exits non-zero on error. */
@Command(
        name = "vp",
        mixinStandardHelpOptions = true,
        version = "vprompt 0.1.0",
        description = "Visual prompting (MAE-VQGAN inpainting) at stream scale.",
        subcommands = {
            DemoCommand.class,
            StackCommand.class,
            SubmitCommand.class,
            AwaitCommand.class,
            LoadgenCommand.class,
            EvalCommand.class,
            PoolCommand.class,
            WorkerCommand.class,
            CanvasCommand.class,
            InferCommand.class,
            ScoreCommand.class,
            BenchCommand.class,
            TrainCommand.class,
            ChaosCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Vp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        Signals.install();
        quietLog4jApi();
        System.exit(run(args));
    }

    /**
     * The embedded Kafka broker logs through the Log4j 2 API, for which no provider is on the class path (logging
     * goes through SLF4J/Logback), so every command used to start with a "could not find a logging implementation"
     * error line. Log4j's own simple logger (errors only, to stderr) answers instead, unless the user chose one.
     */
    static void quietLog4jApi() {
        if (System.getProperty(LOG4J_CONTEXT_FACTORY) == null) {
            System.setProperty(LOG4J_CONTEXT_FACTORY, "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    private static final String LOG4J_CONTEXT_FACTORY = "log4j2.loggerContextFactory";

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        return run(null, null, CommandLine.defaultFactory(), args);
    }

    /** Runs the command line writing to {@code out} and {@code err} instead of the process streams (for tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, CommandLine.defaultFactory(), args);
    }

    static int run(PrintWriter out, PrintWriter err, CommandLine.IFactory factory, String... args) {
        CommandLine cl = new CommandLine(new Vp(), factory);
        cl.registerConverter(Duration.class, new DurationConverter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr()
                    .println("vp " + cmd.getCommandName() + ": " + CliErrors.oneLine(e) + " (see vp "
                            + cmd.getCommandName() + " --help)");
            return 1;
        });
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + CliErrors.oneLine(e));
            if (Boolean.getBoolean("vprompt.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        cl.setParameterExceptionHandler(new ParameterErrors());
        cl.setExecutionStrategy(parsed -> {
            List<CommandLine> chain = parsed.asCommandLineList();
            if (!(chain.get(chain.size() - 1).getCommand() instanceof StopsOnSignal)) {
                Signals.release(); // the JVM's defaults again, as this command expects
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
