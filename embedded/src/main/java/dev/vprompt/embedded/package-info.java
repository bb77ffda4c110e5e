/**
 * Real servers in-process, bound to the loopback interface only, for the demo and the integration tests: a KRaft
 * Kafka broker ({@link dev.vprompt.embedded.EmbeddedKafka}), an S3 server ({@link dev.vprompt.embedded.EmbeddedS3})
 * and both together ({@link dev.vprompt.embedded.EmbeddedStack}). Nothing here is used in production; the worker only
 * sees the {@link dev.vprompt.embedded.StackEndpoints} it is given.
 */
package dev.vprompt.embedded;
