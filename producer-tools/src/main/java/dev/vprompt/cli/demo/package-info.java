/**
 * {@code vp demo}: the one-command tour. Starts the embedded Kafka + S3 stack and a worker in this process ({@link
 * dev.vprompt.cli.deployment.InProcessDeployment}), generates prompts procedurally ({@link
 * dev.vprompt.cli.demo.DemoData}: textured scenes with masks and boxes, colorization pairs, the paper's synthetic
 * colour / shape / size tasks), streams them through the worker ({@link dev.vprompt.cli.deployment.JobStream}), scores
 * them ({@link dev.vprompt.cli.demo.DemoResults}) and writes an HTML report ({@link dev.vprompt.cli.report}).
 *
 * <p>{@code vp bench pipeline} streams {@link dev.vprompt.cli.demo.DemoData}'s cases too; the procedural scene
 * generators ({@link dev.vprompt.training.scenes.ProceduralScenes}, {@link dev.vprompt.training.scenes.SyntheticPairs}, {@link
 * dev.vprompt.training.scenes.ImageOps}, in the training module) also serve {@code vp eval}'s data set generators.
 */
package dev.vprompt.cli.demo;
