package dev.vprompt.cli.eval;

import java.util.List;

/**
 * The scores of one evaluated split (a Pascal-5i fold, a synthetic task).
 *
 * @param split the split's name, e.g. {@code fold0} or {@code color}
 * @param episodes episodes submitted
 * @param succeeded episodes whose job succeeded and was scored
 * @param failed episodes whose job failed (their error codes are logged)
 * @param missing episodes with no completion before the stall timeout
 * @param meanIou mean official IoU over the scored episodes with a defined IoU (the official mean over all episodes
 *     when none is undefined)
 * @param meanColorBlindIou the same for the colour-blind IoU
 * @param meanAccuracy mean pixel accuracy
 * @param undefinedIou scored episodes whose IoU is undefined (0/0: neither truth nor prediction has foreground)
 */
public record SplitResult(
        String split,
        int episodes,
        int succeeded,
        int failed,
        int missing,
        double meanIou,
        double meanColorBlindIou,
        double meanAccuracy,
        int undefinedIou) {

    /** One episode's scores (NaN where undefined). */
    public record EpisodeScores(double iou, double colorBlindIou, double accuracy) {}

    /** Aggregates the scores of the succeeded episodes. */
    public static SplitResult of(String split, int episodes, int failed, int missing, List<EpisodeScores> scores) {
        int undefined = (int) scores.stream().filter(s -> Double.isNaN(s.iou())).count();
        return new SplitResult(
                split,
                episodes,
                scores.size(),
                failed,
                missing,
                mean(scores.stream().mapToDouble(EpisodeScores::iou).toArray()),
                mean(scores.stream().mapToDouble(EpisodeScores::colorBlindIou).toArray()),
                mean(scores.stream().mapToDouble(EpisodeScores::accuracy).toArray()),
                undefined);
    }

    /** Mean of the finite values; NaN when there is none. */
    static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
