package dev.vprompt.engine.model;

/**
 * Intermediate results of one forward pass, copied to the host for parity checks against the official reference
 * arrays. Filled by {@link MaeVqgan} when one is passed in; confined to the calling thread.
 */
final class ForwardTrace {

    /** Encoder output after {@code norm}: [N, 1 + kept, embed_dim]. */
    float[] latent;
    /** Logits [N, 196, vocab]. */
    float[] logits;
    /** Codebook rows channel-first: [N, embed_dim, 14, 14]. */
    float[] zq;
    /** {@code clip(((clamp(x, -1, 1) + 1) / 2) * 255, 0, 255)} before truncation, HWC: [N, 224, 224, 3]. */
    float[] decoded;
}
