/**
 * {@code vp demo}: the one-command tour. Starts the embedded Kafka + S3 stack and a worker in this process
 * ({@link dev.vprompt.cli.demo.InProcessDeployment}), generates prompts procedurally ({@link
 * dev.vprompt.cli.demo.DemoData}: textured scenes with masks and boxes, colorization pairs, the paper's synthetic
 * colour / shape / size tasks), streams them through the worker and writes an HTML report ({@code report}).
 */
package dev.vprompt.cli.demo;
