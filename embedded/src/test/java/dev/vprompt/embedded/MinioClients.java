package dev.vprompt.embedded;

import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import java.net.URI;

/**
 * Plain MinIO SDK clients for this module's tests (the tuned builder lives in the client module, which depends on this
 * one only in its tests). Each client owns its connection pool; close it.
 */
public final class MinioClients {

    private MinioClients() {}

    public static MinioClient sync(StackEndpoints stack) {
        return sync(stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region());
    }

    public static MinioClient sync(URI endpoint, String accessKey, String secretKey, String region) {
        return MinioClient.builder()
                .endpoint(endpoint.toString())
                .credentials(accessKey, secretKey)
                .region(region)
                .build();
    }

    public static MinioAsyncClient async(StackEndpoints stack) {
        return MinioAsyncClient.builder()
                .endpoint(stack.s3Endpoint().toString())
                .credentials(stack.s3AccessKey(), stack.s3SecretKey())
                .region(stack.s3Region())
                .build();
    }
}
