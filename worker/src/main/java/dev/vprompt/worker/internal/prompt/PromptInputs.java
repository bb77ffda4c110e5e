package dev.vprompt.worker.internal.prompt;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.Task;
import java.util.Set;

/**
 * Which of a job's images its prompt uses, so that the others are neither read nor decoded: every example pair (the
 * {@link PromptPlan} puts each on a canvas of its own, or both on the 3x2 canvas); the ground truth only for the tasks
 * whose answer is scored against it. Stateless.
 */
public final class PromptInputs {

    /** Tasks whose answer is scored against a ground truth: IoU for segmentation and detection, MSE for colorization. */
    public static final Set<Task> SCORED_TASKS = Set.of(Task.SEGMENTATION, Task.DETECTION, Task.COLORIZATION);

    private PromptInputs() {}

    /** How many example pairs the job's canvases show: all it carries (picked from its pool, when it names one). */
    public static int pairsUsed(PromptJob job) {
        return job.getExamples().size();
    }

    /** Whether the job carries a ground truth that its answer is scored against. */
    public static boolean groundTruthUsed(PromptJob job) {
        return job.getGroundTruth() != null && SCORED_TASKS.contains(job.getTask());
    }
}
