package dev.vprompt.cli.input;

import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.util.List;
import java.util.Map;

/**
 * One job as described locally. Null fields take the submission's defaults ({@code JobTemplate}).
 *
 * @param jobId the job id, or null for a generated one
 * @param name a readable base for a generated job id (e.g. the query's file name)
 * @param task overrides the submission's task
 * @param examples the example pairs, in prompt order
 * @param query the query image
 * @param groundTruth the expected output for the query, or null
 * @param layout overrides the submission's layout
 * @param ensemble overrides the submission's ensembling
 * @param priority overrides the submission's priority
 * @param attributes added to the submission's attributes
 */
public record LocalJob(
        String jobId,
        String name,
        Task task,
        List<Pair> examples,
        ImageSource query,
        ImageSource groundTruth,
        PromptLayout layout,
        Boolean ensemble,
        Integer priority,
        Map<String, String> attributes) {

    /** One example pair. */
    public record Pair(ImageSource input, ImageSource output) {}

    public LocalJob {
        examples = List.copyOf(examples);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
