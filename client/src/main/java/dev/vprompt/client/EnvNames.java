package dev.vprompt.client;

/**
 * The {@code VP_*} environment variables a {@link Connection} is read from. The Kafka and S3 names are the worker's
 * own override names, so one set of {@code export} lines configures both {@code vp worker} and the client commands.
 */
public final class EnvNames {

    public static final String BOOTSTRAP = "VP_KAFKA_BOOTSTRAP_SERVERS";
    public static final String JOBS_TOPIC = "VP_KAFKA_JOBS_TOPIC";
    public static final String COMPLETIONS_TOPIC = "VP_KAFKA_COMPLETIONS_TOPIC";
    public static final String DEAD_LETTER_TOPIC = "VP_KAFKA_DEAD_LETTER_TOPIC";
    public static final String S3_ENDPOINT = "VP_S3_ENDPOINT";
    public static final String S3_ACCESS_KEY = "VP_S3_ACCESS_KEY";
    public static final String S3_SECRET_KEY = "VP_S3_SECRET_KEY";
    public static final String S3_REGION = "VP_S3_REGION";
    /** Read by the worker only: what its jobs may read ({@code bucket[/prefix]}, comma separated). */
    public static final String S3_READ = "VP_S3_READ";
    /** Read by the worker only: where its jobs may write their results ({@code bucket[/prefix]}, comma separated). */
    public static final String S3_WRITE = "VP_S3_WRITE";
    /** Read by the worker only, deprecated: buckets its jobs may both read and write; prefer {@link #S3_READ} and {@link #S3_WRITE}. */
    public static final String S3_ALLOWED_BUCKETS = "VP_S3_ALLOWED_BUCKETS";

    public static final String IMAGES_BUCKET = "VP_IMAGES_BUCKET";
    public static final String RESULTS_BUCKET = "VP_RESULTS_BUCKET";
    /** Where {@code vp stack} writes its endpoints; default {@code ~/.vprompt/stack.env}. */
    public static final String STACK_FILE = "VP_STACK_FILE";

    private EnvNames() {}
}
