package dev.vprompt.worker.internal.prompt;

import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import java.util.Set;

/**
 * Which of a job's images its prompt uses, so that the others are neither read nor decoded: the first example pair of
 * a 2x2 canvas (every pair of an ensemble, one canvas each), the first two of the 3x2 canvas; the ground truth only
 * for the tasks whose answer is scored against it. Stateless.
 */
public final class PromptInputs {

    /** Tasks whose answer is scored against a ground truth: IoU for segmentation and detection, MSE for colorization. */
    public static final Set<Task> SCORED_TASKS = Set.of(Task.SEGMENTATION, Task.DETECTION, Task.COLORIZATION);

    private PromptInputs() {}

    /** How many leading example pairs the job's canvases show; the pairs after them are not used. */
    public static int pairsUsed(PromptJob job) {
        int pairs = job.getExamples().size();
        if (job.getLayout() == PromptLayout.GRID_3X2) {
            return Math.min(2, pairs);
        }
        return job.getEnsemble() ? pairs : Math.min(1, pairs);
    }

    /** Whether the job carries a ground truth that its answer is scored against. */
    public static boolean groundTruthUsed(PromptJob job) {
        return job.getGroundTruth() != null && SCORED_TASKS.contains(job.getTask());
    }
}
