/**
 * The engine commands of {@code vp}: {@code canvas} (build a visual prompt from images), {@code infer} (batched
 * MAE-VQGAN inpainting of canvases), {@code score} (official metrics of a pasted prediction) and {@code bench}
 * ({@code model} throughput, {@code checkpoint} load speed). They call the engine library directly, with no Kafka and
 * no S3.
 *
 * <p>Each command runs once on the thread that picocli calls it from, prints its result to standard output and reports
 * a failure as one line on standard error with a non-zero exit code ({@link dev.vprompt.cli.engine.CliFailure} for
 * problems of the user's inputs).
 */
package dev.vprompt.cli.engine;
