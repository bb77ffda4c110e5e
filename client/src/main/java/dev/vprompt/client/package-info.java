/**
 * The Java client of a vprompt deployment, for any program that submits prompt jobs (the {@code vp} commands use it
 * too). The public API, in the order a program meets it:
 *
 * <ul>
 *   <li>{@link dev.vprompt.client.Connection}: where Kafka and S3 are, which topics and buckets; {@link
 *       dev.vprompt.client.Connection#fromEnvironment()} resolves it like the {@code vp} commands ({@link
 *       dev.vprompt.client.ConnectionResolver}: explicit values, {@code VP_*} environment ({@link
 *       dev.vprompt.client.EnvNames}), the file a running {@code vp stack} writes ({@link dev.vprompt.client.StackFile}),
 *       defaults); {@link dev.vprompt.client.KafkaCheck} fails fast on a missing broker or topic;
 *   <li>{@link dev.vprompt.client.ImageUploader}: content-addressed image uploads to the images bucket;
 *   <li>{@link dev.vprompt.client.JobTemplate} and {@link dev.vprompt.client.JobSubmitter}: build and produce {@code
 *       PromptJob}s, keyed by job id;
 *   <li>{@link dev.vprompt.client.CompletionWatcher} ({@link dev.vprompt.client.StartPosition}, {@link
 *       dev.vprompt.client.Completion}, {@link dev.vprompt.client.AwaitResult}): read {@code PromptCompleted} events
 *       from a position fixed before submitting, so none is missed;
 *   <li>{@link dev.vprompt.client.ResultDownloader}: the result objects of a completed job into a folder;
 *   <li>{@link dev.vprompt.client.CompletionSummary}: counts by status and error code, mean stage timings and scores;
 *   <li>{@link dev.vprompt.client.VpClientException}: every failure a user can act on, one line that says what and
 *       where; {@link dev.vprompt.client.Durations}: {@code 500ms}/{@code 30s}/{@code 5m} parsing and formatting.
 * </ul>
 *
 * <p>S3 clients come from {@link dev.vprompt.client.s3.S3ClientFactory} ({@link
 * dev.vprompt.client.Connection#s3()}). Nothing here starts a thread of its own beyond the Kafka and OkHttp clients it
 * owns; each class states its threading contract.
 */
package dev.vprompt.client;
