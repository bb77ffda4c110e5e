/**
 * The engine commands of {@code vp}: {@code canvas} (build a visual prompt from images), {@code infer} (batched
 * MAE-VQGAN inpainting of canvases) and {@code score} (official metrics of a pasted prediction). They call the engine
 * library directly, with no Kafka and no S3. The helpers they share with {@code vp bench} live here too: {@link
 * dev.vprompt.cli.engine.ModelConfigs} (architecture names), {@link dev.vprompt.cli.engine.ModelLoader}, {@link
 * dev.vprompt.cli.engine.Converters}, {@link dev.vprompt.cli.engine.LayoutChoice}, {@link dev.vprompt.cli.engine.Json}.
 *
 * <p>Each command runs once on the thread that picocli calls it from, prints its result to standard output and reports
 * a failure as one line on standard error with a non-zero exit code ({@link dev.vprompt.cli.engine.CliFailure} for
 * problems of the user's inputs).
 */
package dev.vprompt.cli.engine;
