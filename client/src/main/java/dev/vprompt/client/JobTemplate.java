package dev.vprompt.client;

import dev.vprompt.schemas.ExamplePair;
import dev.vprompt.schemas.ObjectRef;
import dev.vprompt.schemas.OutputLocation;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What every job of one submission shares: task, layout, ensembling, priority, a deadline relative to submission, the
 * model, where results go and attributes. {@link #job} turns it plus the images of one job into a {@link PromptJob}.
 * Immutable and thread-safe.
 *
 * @param task what the examples demonstrate
 * @param layout canvas arrangement
 * @param ensemble run several arrangements and vote
 * @param priority higher runs first inside a worker's batch queue
 * @param deadline time after submission when the result stops being useful; null for none
 * @param model model id; null for the worker's default
 * @param resultsBucket bucket the worker writes results to
 * @param resultsPrefix results go under {@code <resultsPrefix>/<jobId>/}
 * @param attributes free-form metadata copied into the completion event
 */
public record JobTemplate(
        Task task,
        PromptLayout layout,
        boolean ensemble,
        int priority,
        Duration deadline,
        String model,
        String resultsBucket,
        String resultsPrefix,
        Map<String, String> attributes) {

    public static final Task DEFAULT_TASK = Task.SEGMENTATION;
    public static final PromptLayout DEFAULT_LAYOUT = PromptLayout.AUTO;
    public static final String DEFAULT_RESULTS_PREFIX = "vp";

    public JobTemplate {
        task = task == null ? DEFAULT_TASK : task;
        layout = layout == null ? DEFAULT_LAYOUT : layout;
        Objects.requireNonNull(resultsBucket, "resultsBucket");
        resultsPrefix = resultsPrefix == null || resultsPrefix.isBlank()
                ? DEFAULT_RESULTS_PREFIX
                : resultsPrefix.replaceAll("^/+|/+$", "");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
        if (resultsPrefix.contains("..")) {
            throw new IllegalArgumentException("results prefix must not contain '..': " + resultsPrefix);
        }
    }

    /** Segmentation, AUTO layout, no ensemble, priority 0, no deadline, results under {@code vp/} of the bucket. */
    public static JobTemplate defaults(String resultsBucket) {
        return new JobTemplate(null, null, false, 0, null, null, resultsBucket, null, null);
    }

    public JobTemplate withTask(Task t) {
        return new JobTemplate(
                t, layout, ensemble, priority, deadline, model, resultsBucket, resultsPrefix, attributes);
    }

    public JobTemplate withAttributes(Map<String, String> a) {
        return new JobTemplate(task, layout, ensemble, priority, deadline, model, resultsBucket, resultsPrefix, a);
    }

    /**
     * One job.
     *
     * @param groundTruth expected output for the query (the worker scores against it); may be null
     */
    public PromptJob job(
            String jobId, List<ExamplePair> examples, ObjectRef query, ObjectRef groundTruth, Instant submittedAt) {
        return PromptJob.newBuilder()
                .setJobId(jobId)
                .setSubmittedAt(submittedAt)
                .setTask(task)
                .setExamples(List.copyOf(examples))
                .setQuery(query)
                .setLayout(layout)
                .setEnsemble(ensemble)
                .setOutput(OutputLocation.newBuilder()
                        .setBucket(resultsBucket)
                        .setPrefix(resultsPrefix)
                        .build())
                .setModel(model)
                .setPriority(priority)
                .setDeadline(deadline == null ? null : submittedAt.plus(deadline))
                .setGroundTruth(groundTruth)
                .setAttributes(attributes)
                .build();
    }

    /** An example pair of two references. */
    public static ExamplePair pair(ObjectRef input, ObjectRef output) {
        return ExamplePair.newBuilder().setInput(input).setOutput(output).build();
    }
}
