package dev.vprompt.cli.train;

import dev.vprompt.engine.model.MaeVqganConfig;
import dev.vprompt.training.Workspace;
import dev.vprompt.training.loop.Progress;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One training stage's run as its command sees it: where it prints (a progress bar on {@code err}, results on
 * {@code out}), its folder and architecture, and the lines around it ({@link StageReport}).
 *
 * <p>Not thread-safe: the command's calling thread.
 *
 * @param stage the stage's name, as in {@code vp train <stage>}
 * @param terminal whether a console is attached (the progress bar redraws one line)
 * @param startedNanos when the stage began
 */
record StageRun(
        String stage,
        PrintWriter out,
        PrintWriter err,
        boolean terminal,
        Workspace ws,
        MaeVqganConfig cfg,
        long startedNanos) {

    /** Sets the libtorch threads (before the engine starts) and prints the stage's first line. */
    static StageRun begin(String stage, CommandSpec spec, TrainOptions options, MaeVqganConfig cfg) {
        options.applyThreads();
        StageRun run = new StageRun(
                stage,
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                System.console() != null,
                new Workspace(options.dir),
                cfg,
                System.nanoTime());
        run.out.println(StageReport.started(stage));
        run.out.flush();
        return run;
    }

    /** A progress bar named {@code name} on {@code err}. */
    Progress progress(String name) {
        return new Progress(name, err, terminal);
    }

    /** Prints the stage's last line. */
    void done() {
        out.println(StageReport.done(stage, startedNanos));
        out.flush();
    }
}
