package dev.vprompt.worker.config;

import dev.vprompt.common.Problems;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The startup rules of {@link S3Settings}' permissions: at least one read and one write grant, well-formed bucket
 * names and prefixes, and no write grant on a bucket declared immutable. Stateless.
 */
final class S3PermissionRules {

    /** S3's own limit on a key, in UTF-8 bytes; a grant's prefix cannot be longer. */
    static final int MAX_KEY_BYTES = 1024;

    private S3PermissionRules() {}

    static void validate(S3Settings s, Problems p) {
        p.require(s.immutableBuckets() != null, "s3.immutableBuckets must not be null (empty trusts no bucket)");
        grants(s.read(), "s3.read", "read (their examples, query and ground truth)", p);
        grants(s.write(), "s3.write", "write their results to", p);
        if (s.write() == null || s.immutableBuckets() == null) {
            return;
        }
        Set<String> overlap = new TreeSet<>();
        s.write().stream()
                .filter(g -> g.bucket() != null && s.immutableBuckets().contains(g.bucket()))
                .forEach(g -> overlap.add(g.bucket()));
        p.require(
                overlap.isEmpty(),
                "s3.write (or the shorthand s3.allowedBuckets) grants writes to " + overlap
                        + ", declared write-once in s3.immutableBuckets: results must go to another bucket (grant it in"
                        + " s3.write, and the images bucket in s3.read only)");
    }

    private static void grants(List<S3Permission> grants, String name, String what, Problems p) {
        if (grants == null || grants.isEmpty()) {
            p.add(name + " must grant at least one bucket jobs may " + what + ", e.g. " + name
                    + ": [{bucket: vp-images, prefix: \"\"}] (\"*\" grants any bucket)");
            return;
        }
        for (S3Permission g : grants) {
            if (g == null || g.bucket() == null || g.bucket().isBlank()) {
                p.add(name + " has a grant without a bucket");
                continue;
            }
            p.require(
                    !g.bucket().contains("/") && !hasControlOrSpace(g.bucket()),
                    name + ": '" + g.bucket().strip() + "' is not a bucket name");
            p.require(
                    !hasControlOrSpace(g.prefix().replace(' ', '_')),
                    name + ": the prefix of " + g.bucket() + " contains control characters");
            p.require(
                    g.prefix().getBytes(StandardCharsets.UTF_8).length < MAX_KEY_BYTES,
                    name + ": the prefix of " + g.bucket() + " is longer than an S3 key may be");
        }
    }

    private static boolean hasControlOrSpace(String text) {
        return text.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }
}
