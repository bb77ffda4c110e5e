/**
 * Reading model weights: the official PyTorch training checkpoint ({@link dev.vprompt.engine.checkpoint.TorchCheckpoint},
 * zip + pickle, memory-mapped, never executing anything) and safetensors files, into a
 * {@link dev.vprompt.engine.checkpoint.StateDict} of read-only little-endian tensors; checking a state dict against the
 * shapes a model expects. The first stage of the engine: everything else consumes the {@code StateDict}.
 */
package dev.vprompt.engine.checkpoint;
