package dev.vprompt.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.embedded.junit.WithStack;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.Item;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Put / stat / get / list of many small PNGs through the MinIO SDK against the stack's S3 server. */
@WithStack
class S3RoundTripIT {

    private static final int IMAGES = 200;
    private static final String BUCKET = "s3-roundtrip-it";
    private static final String PREFIX = "jobs/";

    @Test
    void shouldRoundTripBytesAndMetadataWhenPngImagesArePutThroughMinioSdk(StackEndpoints stack) throws Exception {
        // Given
        StackSetup.createBuckets(stack, BUCKET);
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (int i = 0; i < IMAGES; i++) {
            images.put(String.format("%sjob-%03d/input.png", PREFIX, i), png(i));
        }
        try (MinioClient client = MinioClients.sync(stack);
                MinioAsyncClient async = MinioClients.async(stack)) {

            // When: put with a content type and user metadata
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                byte[] bytes = image.getValue();
                client.putObject(PutObjectArgs.builder().bucket(BUCKET).object(image.getKey()).stream(
                                new ByteArrayInputStream(bytes), bytes.length, -1)
                        .contentType("image/png")
                        .userMetadata(Map.of("source-key", image.getKey(), "sha256", sha256(bytes)))
                        .build());
            }

            // Then: stat reports size, type, metadata and the MD5 ETag of each body
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder()
                        .bucket(BUCKET)
                        .object(image.getKey())
                        .build());
                assertThat(stat.size()).isEqualTo(image.getValue().length);
                assertThat(stat.contentType()).isEqualTo("image/png");
                assertThat(lowerCaseKeys(stat.userMetadata()))
                        .containsEntry("source-key", image.getKey())
                        .containsEntry("sha256", sha256(image.getValue()));
                assertThat(stat.etag()).isEqualToIgnoringCase(md5(image.getValue()));
            }

            // Then: every body comes back identical and decodes as the image that was drawn (async client)
            Map<String, byte[]> fetched = getAll(async, images.keySet());
            for (Map.Entry<String, byte[]> image : images.entrySet()) {
                assertThat(fetched.get(image.getKey())).isEqualTo(image.getValue());
            }
            BufferedImage first = ImageIO.read(new ByteArrayInputStream(fetched.get(PREFIX + "job-000/input.png")));
            assertThat(first.getRGB(5, 7)).isEqualTo(drawn(0).getRGB(5, 7));

            // Then: a recursive listing shows exactly the objects put, with their sizes
            Map<String, Long> listed = new HashMap<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(BUCKET)
                    .prefix(PREFIX)
                    .recursive(true)
                    .build())) {
                listed.put(result.get().objectName(), result.get().size());
            }
            assertThat(listed).hasSize(IMAGES);
            images.forEach((key, bytes) -> assertThat(listed).containsEntry(key, (long) bytes.length));
        }
    }

    private static Map<String, byte[]> getAll(MinioAsyncClient client, Iterable<String> keys) throws Exception {
        List<CompletableFuture<GetObjectResponse>> futures = new ArrayList<>();
        for (String key : keys) {
            futures.add(client.getObject(
                    GetObjectArgs.builder().bucket(BUCKET).object(key).build()));
        }
        Map<String, byte[]> bodies = new HashMap<>();
        for (CompletableFuture<GetObjectResponse> future : futures) {
            try (GetObjectResponse response = future.get()) {
                bodies.put(response.object(), readAll(response));
            }
        }
        return bodies;
    }

    /** A 32x32 image of seeded noise: every image differs, so a mix-up of keys cannot pass. */
    private static BufferedImage drawn(int seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    private static byte[] png(int seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(drawn(seed), "png", out)).isTrue();
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> metadata) {
        Map<String, String> lower = new HashMap<>();
        metadata.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return lower;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
