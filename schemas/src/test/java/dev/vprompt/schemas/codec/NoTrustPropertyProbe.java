package dev.vprompt.schemas.codec;

import dev.vprompt.schemas.PromptJob;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Run in a fresh JVM by {@link AvroClassTrustTest}: proves that the codec works with generated classes when the {@code
 * org.apache.avro.SERIALIZABLE_PACKAGES} property is absent, and that plain Avro refuses them before the codec is
 * created (so the probe really ran without trust). Prints one line and exits 0 on success, non-zero with the reason otherwise.
 */
public final class NoTrustPropertyProbe {

    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String SUCCESS = "codec decoded without " + PROPERTY;

    private NoTrustPropertyProbe() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty(PROPERTY) != null) {
            exit(2, PROPERTY + " is set: " + System.getProperty(PROPERTY));
        }
        // Precondition: without trust, Avro refuses the generated classes (here while a builder fills defaults).
        String untrusted = outcome(TestEvents::fullPromptJob);
        if (!untrusted.contains("not trusted")) {
            exit(3, "plain Avro was expected to refuse the generated classes but gave: " + untrusted);
        }

        EventCodec<PromptJob> codec = EventCodecs.promptJob();
        PromptJob job = TestEvents.fullPromptJob();
        PromptJob decoded = codec.decode(codec.encode(job));
        if (!Objects.equals(decoded, job)) {
            exit(4, "decoded " + decoded + " instead of " + job);
        }
        ByteBuffer avroWritten = job.toByteBuffer();
        byte[] bytes = new byte[avroWritten.remaining()];
        avroWritten.get(bytes);
        if (!Objects.equals(codec.decode(bytes), job)) {
            exit(5, "could not decode what Avro's own encoder wrote");
        }
        System.out.println(SUCCESS);
    }

    private static String outcome(Supplier<Object> action) {
        try {
            return "succeeded with " + action.get();
        } catch (RuntimeException | Error e) { // any refusal is reported as text, with its causes
            StringBuilder chain = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                chain.append(t).append(" <- ");
            }
            return chain.toString();
        }
    }

    private static void exit(int status, String message) {
        System.out.println(message);
        System.exit(status);
    }
}
