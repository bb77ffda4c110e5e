package dev.vprompt.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of an {@link EmbeddedS3} server. It always listens on 127.0.0.1 and always requires AWS signature v4.
 *
 * @param accessKey the only accepted access key; default {@value #DEFAULT_ACCESS_KEY}
 * @param secretKey its secret; default {@value #DEFAULT_SECRET_KEY}
 * @param region the region clients sign for; default {@value #DEFAULT_REGION}
 * @param storageDirectory an existing directory that holds the buckets and is kept on close; {@code null} (the
 *     default) keeps everything in memory
 * @param port the port on 127.0.0.1; {@value #ANY_PORT} (the default) takes a free one. A fixed port and a storage
 *     directory make a server that clients find again, objects included, after a restart
 */
public record EmbeddedS3Config(String accessKey, String secretKey, String region, Path storageDirectory, int port) {

    public static final String DEFAULT_ACCESS_KEY = "vprompt";
    public static final String DEFAULT_SECRET_KEY = "vprompt-secret";
    public static final String DEFAULT_REGION = "us-east-1";
    /** A port of 0: any free port, chosen by the server when it binds. */
    public static final int ANY_PORT = 0;

    public EmbeddedS3Config {
        List<String> problems = new ArrayList<>();
        if (accessKey == null || accessKey.isBlank()) {
            problems.add("accessKey must not be blank");
        }
        if (secretKey == null || secretKey.length() < 8) {
            problems.add("secretKey must have at least 8 characters");
        }
        if (region == null || region.isBlank()) {
            problems.add("region must not be blank");
        }
        if (storageDirectory != null && !storageDirectory.toFile().isDirectory()) {
            problems.add("storageDirectory must be an existing directory: " + storageDirectory);
        }
        EmbeddedKafkaConfig.checkPort("port", port, problems);
        if (!problems.isEmpty()) {
            throw new EmbeddedConfigException("EmbeddedS3Config", problems);
        }
    }

    /** In memory, {@value #DEFAULT_ACCESS_KEY} / {@value #DEFAULT_SECRET_KEY}, {@value #DEFAULT_REGION}. */
    public static EmbeddedS3Config defaults() {
        return new EmbeddedS3Config(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_REGION, null, ANY_PORT);
    }

    /** The defaults, but buckets live in {@code directory} (which must exist) and survive a restart. */
    public static EmbeddedS3Config onDisk(Path directory) {
        return new EmbeddedS3Config(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, DEFAULT_REGION, directory, ANY_PORT);
    }

    /** This configuration on another port ({@value #ANY_PORT}: any free one). */
    public EmbeddedS3Config withPort(int newPort) {
        return new EmbeddedS3Config(accessKey, secretKey, region, storageDirectory, newPort);
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "EmbeddedS3Config[accessKey=" + accessKey + ", secretKey=***, region=" + region + ", storageDirectory="
                + storageDirectory + ", port=" + port + "]";
    }
}
