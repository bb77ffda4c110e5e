package dev.vprompt.cli.pool;

/**
 * A bucket and a key prefix, written {@code s3://bucket/prefix} (the prefix without slashes at either end; empty for
 * the bucket root). Immutable.
 */
public record S3Location(String bucket, String prefix) {

    public S3Location {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 location needs a bucket");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not {@code s3://bucket[/prefix]}
     */
    public static S3Location parse(String text) {
        if (text == null || !text.startsWith("s3://")) {
            throw new IllegalArgumentException("expected s3://bucket/prefix, got " + text);
        }
        String rest = text.substring("s3://".length());
        int slash = rest.indexOf('/');
        return slash < 0
                ? new S3Location(rest, "")
                : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key of {@code name} under the prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The listing prefix: the prefix and a slash, or empty for the root. */
    public String listPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
