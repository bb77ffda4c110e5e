package dev.vprompt.client;

import dev.vprompt.schemas.ObjectRef;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads images under content-addressed keys, {@code <prefix>/<sha256>.<ext>}: the same bytes always get the same
 * key, so uploading a folder twice (or the same example for a thousand jobs) stores and transfers it once. An object
 * that already exists under its key is not uploaded again.
 *
 * <p>Thread-safe: the MinIO client is thread-safe and the cache of uploaded keys is concurrent.
 */
public final class ImageUploader {

    /** Key prefix of uploads unless another is given. */
    public static final String DEFAULT_PREFIX = "uploads";

    private static final Logger LOGGER = LoggerFactory.getLogger(ImageUploader.class);
    private static final Map<String, String> CONTENT_TYPES =
            Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg");

    private final MinioClient s3;
    private final String bucket;
    private final String prefix;
    private final String endpoint;
    private final Map<String, ObjectRef> uploaded = new ConcurrentHashMap<>();

    public ImageUploader(MinioClient s3, String bucket, String prefix, String endpointForMessages) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.replaceAll("/+$", "");
        this.endpoint = endpointForMessages;
    }

    /** Uploads to the connection's images bucket under {@value #DEFAULT_PREFIX}. */
    public static ImageUploader of(MinioClient s3, Connection c) {
        return new ImageUploader(
                s3, c.imagesBucket(), DEFAULT_PREFIX, c.s3Endpoint().toString());
    }

    /**
     * Fails fast with a clear message when S3 is unreachable or the bucket is missing.
     *
     * @throws VpClientException when either is the case
     */
    public void checkBucket() {
        boolean exists;
        try {
            exists = s3.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw failure("cannot reach S3 at " + endpoint, e);
        }
        if (!exists) {
            throw new VpClientException("bucket '" + bucket + "' does not exist at " + endpoint
                    + " (vp stack creates vp-images and vp-results)");
        }
    }

    /**
     * Uploads a local image file.
     *
     * @throws VpClientException when the file cannot be read or S3 refuses
     */
    public ObjectRef upload(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new VpClientException("no such file: " + file);
        } catch (IOException e) {
            throw new VpClientException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return upload(bytes, extension(file.getFileName().toString()));
    }

    /** Uploads bytes with the given file extension ({@code png}, {@code jpg}). */
    public ObjectRef upload(byte[] bytes, String extension) {
        String ext = extension.toLowerCase(Locale.ROOT);
        String key = prefix + "/" + sha256(bytes) + "." + ext;
        return uploaded.computeIfAbsent(key, k -> put(k, bytes, ext));
    }

    private ObjectRef put(String key, byte[] bytes, String ext) {
        ObjectRef ref = ObjectRef.newBuilder()
                .setBucket(bucket)
                .setKey(key)
                .setVersionId(null)
                .build();
        try {
            if (exists(key)) {
                LOGGER.debug("already uploaded: key={}", key);
                return ref;
            }
            s3.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                            new ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType(CONTENT_TYPES.getOrDefault(ext, "application/octet-stream"))
                    .build());
            LOGGER.debug("uploaded: bucket={} key={} bytes={}", bucket, key, bytes.length);
            return ref;
        } catch (Exception e) {
            throw failure("cannot upload to s3://" + bucket + "/" + key + " at " + endpoint, e);
        }
    }

    private boolean exists(String key) throws Exception {
        try {
            s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())
                    || "NoSuchObject".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    static VpClientException failure(String what, Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof ConnectException
                ? "connection refused"
                : e instanceof ErrorResponseException er
                        ? er.errorResponse().code() + " " + er.errorResponse().message()
                        : String.valueOf(root.getMessage());
        return new VpClientException(what + ": " + why, e);
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "bin" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
