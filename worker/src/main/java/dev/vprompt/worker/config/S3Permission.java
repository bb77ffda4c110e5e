package dev.vprompt.worker.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One grant of object storage access to jobs: every key of {@code bucket} that starts with {@code prefix}. The prefix
 * is compared literally, as S3 policies compare it: {@code runs/} covers {@code runs/a.png} but not
 * {@code runs-old/a.png}, while {@code runs} covers both; an empty prefix covers the whole bucket. The bucket
 * {@value S3Settings#ANY_BUCKET} covers every bucket.
 *
 * <p>In YAML (and in a {@code VP_S3_READ} / {@code VP_S3_WRITE} list) a grant is written either as a map
 * {@code {bucket: vp-results, prefix: runs/}} or as one string {@code vp-results/runs/}: the bucket, then optionally
 * a slash and the prefix. Immutable and thread-safe.
 *
 * @param bucket a bucket name, or {@code "*"} for any bucket
 * @param prefix the key prefix every covered key starts with; empty for the whole bucket
 */
public record S3Permission(String bucket, String prefix) {

    public S3Permission {
        prefix = prefix == null ? "" : prefix;
    }

    /** A grant of a whole bucket. */
    public static S3Permission bucket(String bucket) {
        return new S3Permission(bucket, "");
    }

    /** Reads the map form of the YAML. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static S3Permission fromYaml(@JsonProperty("bucket") String bucket, @JsonProperty("prefix") String prefix) {
        return new S3Permission(bucket, prefix);
    }

    /** Reads the string form {@code bucket[/prefix]} of the YAML and the environment. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static S3Permission parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        return slash < 0 ? bucket(t) : new S3Permission(t.substring(0, slash), t.substring(slash + 1));
    }

    /** Whether this grant names every bucket. */
    public boolean anyBucket() {
        return S3Settings.ANY_BUCKET.equals(bucket);
    }

    /** Whether this grant covers {@code bucket} at all (some of its keys). */
    public boolean coversBucket(String name) {
        return anyBucket() || bucket.equals(name);
    }

    /** Whether this grant covers the object {@code key} of {@code bucket}. */
    public boolean covers(String name, String key) {
        return coversBucket(name) && key.startsWith(prefix);
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? bucket : bucket + "/" + prefix;
    }
}
