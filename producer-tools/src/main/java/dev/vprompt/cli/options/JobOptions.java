package dev.vprompt.cli.options;

import dev.vprompt.client.Connection;
import dev.vprompt.client.JobTemplate;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The job flags shared by the commands that submit jobs; use as a picocli {@code @Mixin} and call {@link
 * #template(Connection)}.
 *
 * <p>Not thread-safe: picocli fills it on the parsing thread.
 */
public final class JobOptions {

    @Option(
            names = "--task",
            paramLabel = "TASK",
            description = "SEGMENTATION (default), DETECTION, COLORIZATION, EDGES or IMAGE")
    Task task;

    @Option(
            names = "--layout",
            paramLabel = "LAYOUT",
            description = "AUTO (default), GRID_2X2 or GRID_3X2 (needs two example pairs)")
    PromptLayout layout;

    @Option(names = "--ensemble", description = "run several canvas arrangements per job and vote")
    boolean ensemble;

    @Option(
            names = "--priority",
            paramLabel = "N",
            description = "higher runs first in a worker's batch queue (default 0)")
    int priority;

    @Option(
            names = "--deadline",
            paramLabel = "DURATION",
            description = "fail a job the worker cannot start within this time after submission, e.g. 30s")
    Duration deadline;

    @Option(names = "--model", paramLabel = "ID", description = "model id (default: the worker's model)")
    String model;

    @Option(
            names = "--prefix",
            paramLabel = "PREFIX",
            description = "results go to s3://<results bucket>/<PREFIX>/<jobId>/ (default "
                    + JobTemplate.DEFAULT_RESULTS_PREFIX + ")")
    String prefix;

    @Option(
            names = "--attribute",
            paramLabel = "KEY=VALUE",
            description = "metadata copied into each completion event; repeatable")
    Map<String, String> attributes = new LinkedHashMap<>();

    /** The template these flags describe, writing results to the connection's results bucket. */
    public JobTemplate template(Connection c) {
        return new JobTemplate(
                task, layout, ensemble, priority, deadline, model, c.resultsBucket(), prefix, attributes);
    }
}
