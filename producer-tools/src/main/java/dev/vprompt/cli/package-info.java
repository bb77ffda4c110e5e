/**
 * The {@code vp} command line: {@link dev.vprompt.cli.Vp} (the root, error handling), one class per subcommand
 * ({@code stack}, {@code submit}, {@code await}, {@code loadgen}, {@code worker}, ...). The commands are thin: the
 * reusable parts live in {@code client} (connections, upload, submit, watch, download, progress), {@code input}
 * (folders and manifests) and {@code load} (the load generator).
 */
package dev.vprompt.cli;
