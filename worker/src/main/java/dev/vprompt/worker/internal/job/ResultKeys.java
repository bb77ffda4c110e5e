package dev.vprompt.worker.internal.job;

import dev.vprompt.schemas.PromptJob;

/**
 * Where a job's results go: {@code <prefix>/<jobId>/<name>} in its output bucket, and the length bounds that keep
 * every such key under S3's limit of {@value #S3_MAX_KEY_BYTES} UTF-8 bytes: a job id of at most
 * {@value #MAX_JOB_ID_BYTES} bytes, a prefix of at most {@value #MAX_PREFIX_BYTES} and result names of at most
 * {@value #MAX_NAME_BYTES}. Stateless.
 */
public final class ResultKeys {

    /** S3's limit on an object key, in UTF-8 bytes. */
    public static final int S3_MAX_KEY_BYTES = 1024;
    /** Longest job id, in UTF-8 bytes (also the longest record key read as a job id). */
    public static final int MAX_JOB_ID_BYTES = 256;
    /** Longest output prefix, in UTF-8 bytes. */
    public static final int MAX_PREFIX_BYTES = 512;
    /** Longest name of a result object under {@code <prefix>/<jobId>/} (e.g. {@code prediction.png}). */
    public static final int MAX_NAME_BYTES = 64;

    private ResultKeys() {}

    /** The key every result of {@code job} starts with: {@code <prefix>/<jobId>/} (no slash doubled or added first). */
    public static String base(PromptJob job) {
        String p = job.getOutput().getPrefix();
        return (p.isEmpty() || p.endsWith("/") ? p : p + "/") + job.getJobId() + "/";
    }
}
