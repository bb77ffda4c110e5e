package dev.vprompt.schemas.codec;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;

/**
 * The codecs for vprompt's top-level events, one shared instance per event type.
 *
 * <p>Today every codec uses Avro single-object encoding ({@value SingleObjectCodec#FORMAT_NAME}) with the writer
 * schemas released in this module, so producers and consumers need no schema registry.
 *
 * <p>Thread-safe: codecs are created lazily, once, and are themselves thread-safe.
 */
public final class EventCodecs {

    // Where a schema-registry wire format would plug in: another EventCodec implementation (e.g. magic byte 0 +
    // 4-byte registry schema id + Avro body) that registers ReleasedSchemas.of(...) and resolves unknown ids through
    // the registry, chosen here by a wire-format setting. Not implemented: nothing in vprompt runs a registry yet.

    private EventCodecs() {}

    /**
     * Makes Avro trust vprompt's generated classes without the {@code org.apache.avro.SERIALIZABLE_PACKAGES} system
     * property, keeping whatever Avro trusted before. Every factory method below does this too; call it first thing
     * at startup when the application builds events with the generated builders before it creates a codec (Avro
     * 1.12 also checks trust when a builder fills in a default value of a record or enum type). Idempotent and
     * thread-safe.
     */
    public static void trustGeneratedClasses() {
        AvroClassTrust.ensureInstalled();
    }

    /** The codec for {@link PromptJob}, the job a labeling pipeline submits. */
    public static EventCodec<PromptJob> promptJob() {
        return PromptJobHolder.CODEC;
    }

    /** The codec for {@link PromptCompleted}, the event a worker emits per finished job. */
    public static EventCodec<PromptCompleted> promptCompleted() {
        return PromptCompletedHolder.CODEC;
    }

    /** The codec for {@link DeadLetter}, the envelope of a record that can never be processed. */
    public static EventCodec<DeadLetter> deadLetter() {
        return DeadLetterHolder.CODEC;
    }

    private static final class PromptJobHolder {
        static final EventCodec<PromptJob> CODEC =
                SingleObjectCodec.forRecord(PromptJob.class, PromptJob.getClassSchema());
    }

    private static final class PromptCompletedHolder {
        static final EventCodec<PromptCompleted> CODEC =
                SingleObjectCodec.forRecord(PromptCompleted.class, PromptCompleted.getClassSchema());
    }

    private static final class DeadLetterHolder {
        static final EventCodec<DeadLetter> CODEC =
                SingleObjectCodec.forRecord(DeadLetter.class, DeadLetter.getClassSchema());
    }
}
