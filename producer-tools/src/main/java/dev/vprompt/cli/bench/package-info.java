/**
 * {@code vp bench}: the project's performance figures, measured by commands rather than timed tests. {@code model}
 * (images/s of the engine's inpainting per batch size), {@code checkpoint} (load speed of an official-layout
 * checkpoint, cold and warm; {@link dev.vprompt.cli.bench.OfficialLayout} and {@link
 * dev.vprompt.cli.bench.RandomStateDict} write one) and {@code pipeline} (the embedded Kafka and S3 with one worker in
 * this process: throughput kept by the streaming pipeline, worker CPU per job, latency at half load). Every report
 * carries the device, threads and load average, since the figures depend on the machine.
 *
 * <p>Each command runs once on the thread picocli calls it from; {@code pipeline} also owns the in-process stack and
 * worker for the duration of the run.
 */
package dev.vprompt.cli.bench;
