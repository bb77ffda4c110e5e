package dev.vprompt.worker.internal.fetch;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.worker.config.S3Settings;
import java.net.URI;

/** The store speaking S3 over Vert.x (signature V4 of its own, payload signed) against the real S3 server. */
class VertxObjectStoreIT extends ObjectStoreContract {

    /** Whether the store under test signs each body's SHA-256. */
    boolean signPayload() {
        return true;
    }

    @Override
    ObjectStore store(StackEndpoints stack, String endpoint, String secretKey) {
        S3Settings s = settings(stack, endpoint, secretKey);
        return VertxObjectStore.create(
                URI.create(endpoint),
                s.accessKey(),
                s.secretKey(),
                s.region(),
                s.maxConcurrentRequests(),
                s.requestTimeout(),
                signPayload());
    }
}
