package dev.vprompt.cli.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One job as the report shows it.
 *
 * @param jobId the job id
 * @param label what the job demonstrates, e.g. {@code segmentation}
 * @param status {@code SUCCEEDED}, {@code FAILED}, or {@value #NO_COMPLETION} when no completion event arrived
 * @param error the error code and message of a failed job, else null
 * @param images caption to image path relative to the report's folder, in display order
 * @param scores score name to value (NaN where undefined, e.g. IoU of two empty masks)
 * @param timingsMs pipeline stage to milliseconds, in pipeline order
 * @param batchSize the size of the inference batch the job ran in; 0 when it never reached one
 */
public record JobEntry(
        String jobId,
        String label,
        String status,
        String error,
        Map<String, String> images,
        Map<String, Double> scores,
        Map<String, Long> timingsMs,
        int batchSize) {

    /** Status of a job whose completion never arrived. */
    public static final String NO_COMPLETION = "NO_COMPLETION";

    public JobEntry {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
        scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        timingsMs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    }

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
