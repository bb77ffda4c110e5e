package dev.vprompt.worker.internal.prompt;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.post.AnswerFusion;
import dev.vprompt.schemas.PromptJob;
import dev.vprompt.schemas.PromptLayout;
import dev.vprompt.schemas.Task;
import dev.vprompt.worker.internal.job.ErrorCode;
import dev.vprompt.worker.internal.job.JobFailure;
import java.util.List;

/**
 * What a job's example pairs and options become, decided from the job alone (before any I/O), so the validator can
 * bound it and the assembler and renderer agree on it:
 *
 * <ul>
 *   <li><b>3x2</b> (the synthetic-task canvas, two example pairs above the query): layout {@code GRID_3X2} with
 *       exactly two pairs and no ensemble, or layout {@code AUTO} with exactly two pairs, task {@code IMAGE} and no
 *       ensemble (the synthetic tasks are image prompts). One canvas.
 *   <li><b>2x2</b> otherwise (the official evaluation canvas): one canvas per example pair, each in the arrangement
 *       A1, or with {@code ensemble} in all eight prompt-SelF arrangements A1..A8; pair after pair, arrangements in
 *       order. One canvas needs no fusion; several (<b>example fusion</b> of k pairs, the <b>ensemble</b>, or both:
 *       8k) run in one model call as one batch unit and their answer cells are fused ({@link #fusion}).
 * </ul>
 *
 * The pairs are the job's {@code examples}, or {@code k} pairs picked from its {@code examplePool}. Immutable and
 * thread-safe.
 *
 * @param layout {@code GRID_2X2} or {@code GRID_3X2}
 * @param pairs example pairs on the canvases
 * @param arrangements each pair's 2x2 arrangements (empty for 3x2)
 * @param fusion how several answers become one, by task: {@code MASK_THRESHOLD} for segmentation and detection,
 *     {@code EDGE_ANY_CHANNEL} for edges, {@code ROUNDED_MEAN} for colorization and image prompts
 */
public record PromptPlan(PromptLayout layout, int pairs, List<Arrangement> arrangements, AnswerFusion.Rule fusion) {

    /** Example pairs of the 3x2 canvas. */
    public static final int GRID3X2_PAIRS = 2;

    public PromptPlan {
        arrangements = List.copyOf(arrangements);
    }

    /**
     * The plan of {@code job}.
     *
     * @throws JobFailure (permanent, INVALID_JOB) when the layout cannot hold the pairs, or with an ensemble on 3x2
     */
    public static PromptPlan of(PromptJob job) {
        int pairs = pairsOf(job);
        AnswerFusion.Rule fusion = fusionOf(job.getTask());
        boolean ensemble = job.getEnsemble();
        if (job.getLayout() == PromptLayout.GRID_3X2) {
            if (pairs != GRID3X2_PAIRS) {
                throw invalid("layout GRID_3X2 takes exactly two example pairs, the job has " + pairs);
            }
            if (ensemble) {
                throw invalid("ensemble applies to the 2x2 canvas; layout GRID_3X2 has no arrangements to ensemble");
            }
            return new PromptPlan(PromptLayout.GRID_3X2, pairs, List.of(), fusion);
        }
        if (job.getLayout() == PromptLayout.AUTO
                && pairs == GRID3X2_PAIRS
                && job.getTask() == Task.IMAGE
                && !ensemble) {
            return new PromptPlan(PromptLayout.GRID_3X2, pairs, List.of(), fusion);
        }
        List<Arrangement> arrangements = ensemble ? Arrangement.PROMPT_SELF : List.of(Arrangement.STANDARD);
        return new PromptPlan(PromptLayout.GRID_2X2, pairs, arrangements, fusion);
    }

    /** The job's example pairs: its own, or the {@code k} it asks its pool for. */
    public static int pairsOf(PromptJob job) {
        return job.getExamplePool() != null ? job.getK() : job.getExamples().size();
    }

    /** Canvases the job runs, all in one model call. */
    public int canvasCount() {
        return layout == PromptLayout.GRID_3X2 ? 1 : pairs * arrangements.size();
    }

    /** Whether several answers are fused into one. */
    public boolean fused() {
        return canvasCount() > 1;
    }

    static AnswerFusion.Rule fusionOf(Task task) {
        return switch (task) {
            case SEGMENTATION, DETECTION -> AnswerFusion.Rule.MASK_THRESHOLD;
            case EDGES -> AnswerFusion.Rule.EDGE_ANY_CHANNEL;
            case COLORIZATION, IMAGE -> AnswerFusion.Rule.ROUNDED_MEAN;
        };
    }

    private static JobFailure invalid(String message) {
        return JobFailure.permanent(ErrorCode.INVALID_JOB, message);
    }
}
