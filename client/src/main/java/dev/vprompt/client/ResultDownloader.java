package dev.vprompt.client;

import dev.vprompt.schemas.OutputObject;
import dev.vprompt.schemas.PromptCompleted;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads the result objects of completed jobs into {@code <dir>/<jobId>/<object file name>}, e.g.
 * {@code out/job-1/mask.png}.
 *
 * <p>Thread-safe: the MinIO client is thread-safe and every call writes its own files.
 */
public final class ResultDownloader {

    private final MinioClient s3;
    private final String endpoint;

    public ResultDownloader(MinioClient s3, String endpointForMessages) {
        this.s3 = s3;
        this.endpoint = endpointForMessages;
    }

    /** Downloads through {@code s3}, naming the connection's endpoint in error messages. */
    public static ResultDownloader of(MinioClient s3, Connection c) {
        return new ResultDownloader(s3, c.s3Endpoint().toString());
    }

    /**
     * Downloads every output of {@code completion} (none for a failed job).
     *
     * @return the files written
     * @throws VpClientException when an object cannot be read or a file cannot be written
     */
    public List<Path> download(PromptCompleted completion, Path dir) {
        Path jobDir = dir.resolve(safeName(completion.getJobId()));
        List<Path> written = new ArrayList<>();
        for (OutputObject o : completion.getOutputs()) {
            String key = o.getRef().getKey();
            Path file = jobDir.resolve(safeName(key.substring(key.lastIndexOf('/') + 1)));
            try {
                Files.createDirectories(jobDir);
                try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder()
                        .bucket(o.getRef().getBucket())
                        .object(key)
                        .build())) {
                    copy(in, file);
                }
            } catch (IOException e) {
                throw new VpClientException("cannot write " + file + ": " + e.getMessage(), e);
            } catch (Exception e) {
                throw ImageUploader.failure(
                        "cannot download s3://" + o.getRef().getBucket() + "/" + key + " from " + endpoint, e);
            }
            written.add(file);
        }
        return written;
    }

    private static void copy(InputStream in, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A single path segment: no separators, no {@code ..}. */
    static String safeName(String s) {
        String clean = s.replaceAll("[/\\\\]", "_");
        return clean.isEmpty() || clean.equals(".") || clean.equals("..") ? "_" + clean : clean;
    }
}
