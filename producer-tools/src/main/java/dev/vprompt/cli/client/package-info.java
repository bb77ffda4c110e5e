/**
 * The small client library behind the {@code vp} commands, usable by any Java program that submits prompt jobs:
 * {@link dev.vprompt.cli.client.Connection} (where Kafka and S3 are, resolved by
 * {@link dev.vprompt.cli.client.ConnectionOptions} from flags, {@code VP_*} environment, the file {@code vp stack}
 * writes, then defaults), {@link dev.vprompt.cli.client.ImageUploader} (content-addressed PUTs),
 * {@link dev.vprompt.cli.client.JobSubmitter} (produce {@code PromptJob}s), {@link
 * dev.vprompt.cli.client.CompletionWatcher} (read {@code PromptCompleted} events from a position taken before
 * submitting), {@link dev.vprompt.cli.client.ResultDownloader}, {@link dev.vprompt.cli.client.CompletionSummary} and
 * {@link dev.vprompt.cli.client.Progress} (a stderr progress bar).
 */
package dev.vprompt.cli.client;
