/**
 * Turns vprompt events into Kafka record bytes and back.
 *
 * <p>{@link dev.vprompt.schemas.codec.EventCodecs} hands out one thread-safe {@link
 * dev.vprompt.schemas.codec.EventCodec} per top-level event ({@code PromptJob}, {@code PromptCompleted}, {@code
 * DeadLetter}). The default wire format is Avro single-object encoding; its decoder knows every released writer
 * schema ({@link dev.vprompt.schemas.codec.ReleasedSchemas}) and turns any undecodable input into a checked {@link
 * dev.vprompt.schemas.codec.EventDecodeException}, so a poison record can be dead-lettered instead of crashing a
 * consumer.
 */
package dev.vprompt.schemas.codec;
