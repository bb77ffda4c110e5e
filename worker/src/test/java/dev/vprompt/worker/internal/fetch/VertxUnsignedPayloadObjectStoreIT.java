package dev.vprompt.worker.internal.fetch;

/** The store speaking S3 over Vert.x with {@code UNSIGNED-PAYLOAD} against the real S3 server: the same contract. */
class VertxUnsignedPayloadObjectStoreIT extends VertxObjectStoreIT {

    @Override
    boolean signPayload() {
        return false;
    }
}
