/**
 * Picocli option groups that several {@code vp} commands share: {@link dev.vprompt.cli.options.ConnectionOptions}
 * (where Kafka and S3 are: flags over {@code VP_*} environment over the {@code vp stack} file over defaults), {@link
 * dev.vprompt.cli.options.JobOptions} (task, layout, priority, deadline... of submitted jobs) and {@link
 * dev.vprompt.cli.options.DurationConverter} ({@code 500ms}, {@code 30s}, {@code 5m}). They only parse; the client
 * library ({@code dev.vprompt.client}) does the work.
 */
package dev.vprompt.cli.options;
