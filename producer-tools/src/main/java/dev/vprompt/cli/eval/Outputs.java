package dev.vprompt.cli.eval;

import dev.vprompt.client.Completion;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.RgbImage;
import dev.vprompt.schemas.OutputObject;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioClient;

/** Reads a job's result objects back. Thread-safe: stateless. */
final class Outputs {

    private Outputs() {}

    /** Downloads and decodes the output of kind {@code kind} (e.g. {@code prediction}) of a completed job. */
    static RgbImage image(Completion c, String kind, MinioClient s3) throws Exception {
        OutputObject out = c.event().getOutputs().stream()
                .filter(o -> o.getKind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + c.jobId() + " has no " + kind + " output"
                        + (kind.equals("prediction") ? " (is the worker's pipeline.publishPrediction off?)" : "")));
        byte[] bytes;
        try (GetObjectResponse in = s3.getObject(GetObjectArgs.builder()
                .bucket(out.getRef().getBucket())
                .object(out.getRef().getKey())
                .build())) {
            bytes = in.readAllBytes();
        }
        return new ImageDecoder().decode(bytes);
    }
}
