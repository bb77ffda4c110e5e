package dev.vprompt.cli.eval;

/**
 * How {@code vp eval} asks for each episode's answer ({@code --ensemble}, {@code --examples}, {@code --retrieval}).
 * Immutable.
 *
 * @param ensemble run the eight prompt-SelF arrangements of each 2x2 canvas and fuse the answers
 * @param examples example pairs per episode; null for the protocol's own number (one, two for the synthetic tasks)
 * @param retrieval where the examples come from
 */
public record AnswerOptions(boolean ensemble, Integer examples, Retrieval retrieval) {

    /** Where an episode's examples come from. */
    public enum Retrieval {
        /** Drawn at random as the protocol draws its supports. */
        random,
        /** Picked by the worker from an example pool of the split's candidates (nearest to the query). */
        pool
    }

    /** The official protocols: one canvas per episode, supports drawn as the official code draws them. */
    public static final AnswerOptions OFFICIAL = new AnswerOptions(false, null, Retrieval.random);

    public AnswerOptions {
        if (examples != null && (examples < 1 || examples > 8)) {
            throw new IllegalArgumentException("--examples must be within 1..8, was " + examples);
        }
        retrieval = retrieval == null ? Retrieval.random : retrieval;
    }

    /** The examples per episode, or {@code protocolDefault} when not given. */
    public int examplesOr(int protocolDefault) {
        return examples == null ? protocolDefault : examples;
    }

    /** Whether the episodes run exactly as the official protocol. */
    public boolean official() {
        return !ensemble && examples == null && retrieval == Retrieval.random;
    }

    /** For table titles and JSON: e.g. {@code ensemble, 3 examples, retrieved}. */
    public String describe() {
        if (official()) {
            return "official";
        }
        StringBuilder b = new StringBuilder();
        if (ensemble) {
            b.append("ensemble");
        }
        if (examples != null) {
            b.append(b.isEmpty() ? "" : ", ").append(examples).append(examples == 1 ? " example" : " examples");
        }
        if (retrieval == Retrieval.pool) {
            b.append(b.isEmpty() ? "" : ", ").append("retrieved from a pool");
        }
        return b.toString();
    }
}
