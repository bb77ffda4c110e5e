/**
 * The demo's report: per-job entries ({@link dev.vprompt.cli.demo.report.JobEntry}), run-level numbers ({@link
 * dev.vprompt.cli.demo.report.RunSummary}), the HTML page ({@link dev.vprompt.cli.demo.report.HtmlReport}) and the
 * machine-readable summary ({@link dev.vprompt.cli.demo.report.SummaryJson}). Plain Java text, no web framework.
 */
package dev.vprompt.cli.demo.report;
