/**
 * The HTML report and the machine-readable summary of a run of prompt jobs, written by {@code vp demo} and reused by
 * {@code vp eval}: per-job entries ({@link dev.vprompt.cli.report.JobEntry}), run-level numbers ({@link
 * dev.vprompt.cli.report.RunSummary}), the page ({@link dev.vprompt.cli.report.HtmlReport}) and the JSON summary
 * ({@link dev.vprompt.cli.report.SummaryJson}). Plain Java text, no web framework.
 */
package dev.vprompt.cli.report;
