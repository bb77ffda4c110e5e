/**
 * Post-processing of a predicted answer cell: turning the pasted 224x224 canvas into something a caller can publish.
 *
 * <p>The data flow is: pasted canvas → {@link dev.vprompt.engine.post.ColorRounding} (snap every pixel of the answer
 * cell to a small palette, either exactly as the official {@code round_image} does or by true nearest colour) →
 * {@link dev.vprompt.engine.post.BinaryMask} → {@link dev.vprompt.engine.post.SegmentationMask} (mask resized to the
 * query's own size) or {@link dev.vprompt.engine.post.DetectionBox} (largest connected component → filled box).
 *
 * <p>Everything here is a pure function of its inputs: stateless and thread-safe.
 */
package dev.vprompt.engine.post;
