/**
 * Reading and writing the uncompressed ("stored") zip archives PyTorch uses for checkpoints, ZIP64 included, with
 * entry data memory-mapped rather than copied. Building blocks of {@code dev.vprompt.engine.checkpoint}.
 */
package dev.vprompt.engine.checkpoint.zip;
