/**
 * JMH benchmarks of the engine's per-job stages: decode, resize, canvas assembly, post-processing and PNG encoding.
 * The tensor fill benchmark lives in {@code dev.vprompt.engine.model} because the batch packer is package-private.
 */
package dev.vprompt.bench.engine;
