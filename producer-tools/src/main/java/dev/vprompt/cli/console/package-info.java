/**
 * What the {@code vp} commands show on a terminal: {@link dev.vprompt.cli.console.Progress} (a progress bar on
 * stderr, redrawn in place on a terminal, one line every few seconds in a log), {@link
 * dev.vprompt.cli.console.TextTable} (aligned plain-text tables) and {@link dev.vprompt.cli.console.SummaryTables}
 * (the completion summary as tables). Presentation only; the numbers come from the client library.
 */
package dev.vprompt.cli.console;
