package dev.vprompt.worker.internal.fetch;

import dev.vprompt.embedded.StackEndpoints;
import dev.vprompt.worker.config.S3Settings;
import dev.vprompt.worker.fetch.S3Clients;

/** The store over the MinIO SDK against the real S3 server. */
class MinioObjectStoreIT extends ObjectStoreContract {

    @Override
    ObjectStore store(StackEndpoints stack, String endpoint, String secretKey) {
        S3Settings s = settings(stack, endpoint, secretKey);
        return new MinioObjectStore(S3Clients.async(s), 2, s.maxConcurrentRequests());
    }
}
