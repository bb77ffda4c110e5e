/**
 * The {@code vp} command line: {@link dev.vprompt.cli.Vp} (the root, error handling), one class per operations
 * subcommand ({@code stack}, {@code submit}, {@code await}, {@code loadgen}, {@code worker}). The commands are thin;
 * the sub-packages hold the rest:
 *
 * <ul>
 *   <li>{@code engine}: {@code canvas}, {@code infer}, {@code score} and the engine helpers they share with bench;
 *   <li>{@code bench}: {@code bench model}, {@code bench checkpoint}, {@code bench pipeline};
 *   <li>{@code demo}: {@code vp demo}, its generated data and the procedural scene generators;
 *   <li>{@code eval}: {@code vp eval}, the paper's protocols and data sets;
 *   <li>{@code deployment}: the in-process stack + worker and the job stream that demo, eval and bench run on;
 *   <li>{@code report}: the HTML report and JSON summary of a run;
 *   <li>{@code input}: local folders and manifests into jobs; {@code load}: the load generator;
 *   <li>{@code options}: picocli option groups shared by several commands; {@code console}: progress bars, tables and
 *       log levels.
 * </ul>
 *
 * <p>Connections, uploads, submission, completion watching and downloads come from the client library ({@code
 * dev.vprompt.client}, module {@code vprompt-client}).
 */
package dev.vprompt.cli;
