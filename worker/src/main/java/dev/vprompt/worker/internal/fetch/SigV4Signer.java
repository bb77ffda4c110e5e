package dev.vprompt.worker.internal.fetch;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for S3 requests (header authorization): the canonical request, the string to sign, the
 * signing key derived per day and the {@code Authorization} header value. The caller puts the payload's SHA-256 (the
 * server then checks the body it stores; ~35 µs of CPU per 45 KB, a job's {@code prediction.png} with stored rows is
 * ~99 KB) or {@link #UNSIGNED_PAYLOAD} in the signed {@code x-amz-content-sha256} header.
 *
 * <p>Thread-safe: the derived key of the current day and the {@code x-amz-date} of the current second are cached in
 * immutable holders; {@link Mac} and {@link MessageDigest} instances are per thread (looking a provider up per call
 * showed in the request's profile).
 */
final class SigV4Signer {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String SERVICE = "s3";
    /** The {@code x-amz-content-sha256} of a request whose body is not part of the signature. */
    static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final byte[] secret;
    private final String region;
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private volatile DayKey dayKey;
    private volatile Second second;

    private record DayKey(String day, byte[] key) {}

    private record Second(long epochSecond, String amzDate) {}

    SigV4Signer(String accessKey, String secretKey, String region) {
        this.accessKey = accessKey;
        this.secret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        this.region = region;
    }

    /** {@code 20130524T000000Z}: the {@code x-amz-date} of a request made at {@code time}. */
    static String amzDate(ZonedDateTime time) {
        return AMZ_DATE.format(time.withZoneSameInstant(ZoneOffset.UTC));
    }

    /** The {@code x-amz-date} of a request made at {@code epochMillis}, formatted once per second. */
    String amzDate(long epochMillis) {
        long epochSecond = Math.floorDiv(epochMillis, 1000);
        Second s = second;
        if (s == null || s.epochSecond() != epochSecond) {
            s = new Second(
                    epochSecond, amzDate(Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC)));
            second = s;
        }
        return s.amzDate();
    }

    /**
     * The {@code Authorization} header of a request.
     *
     * @param method HTTP method
     * @param canonicalUri the request path, each segment already {@linkplain #uriEncode encoded}
     * @param canonicalQuery sorted {@code name=value} pairs joined by {@code &}, encoded; empty when none
     * @param signedHeaders lower-case header names to their values, sorted; must hold {@code host},
     *     {@code x-amz-date} and {@code x-amz-content-sha256}
     */
    String authorization(
            String method, String canonicalUri, String canonicalQuery, SortedMap<String, String> signedHeaders) {
        String amzDate = signedHeaders.get("x-amz-date");
        String payloadHash = signedHeaders.get("x-amz-content-sha256");
        if (amzDate == null || payloadHash == null || !signedHeaders.containsKey("host")) {
            throw new IllegalArgumentException("host, x-amz-date and x-amz-content-sha256 must be signed");
        }
        StringBuilder canonical = new StringBuilder(256)
                .append(method)
                .append('\n')
                .append(canonicalUri)
                .append('\n')
                .append(canonicalQuery)
                .append('\n');
        StringBuilder names = new StringBuilder(64);
        for (Map.Entry<String, String> h : signedHeaders.entrySet()) {
            canonical
                    .append(h.getKey())
                    .append(':')
                    .append(h.getValue().strip())
                    .append('\n');
            if (!names.isEmpty()) {
                names.append(';');
            }
            names.append(h.getKey());
        }
        canonical.append('\n').append(names).append('\n').append(payloadHash);
        String day = amzDate.substring(0, 8);
        String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
        String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + sha256Hex(canonical.toString());
        String signature = HEX.formatHex(hmac(signingKey(day), toSign));
        return ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + names + ", Signature="
                + signature;
    }

    private byte[] signingKey(String day) {
        DayKey k = dayKey;
        if (k == null || !k.day().equals(day)) {
            byte[] key = hmac(secret, day);
            key = hmac(key, region);
            key = hmac(key, SERVICE);
            key = hmac(key, "aws4_request");
            k = new DayKey(day, key);
            dayKey = k;
        }
        return k.key();
    }

    /** Lower-case hex SHA-256 of {@code bytes}: the {@code x-amz-content-sha256} of a body. */
    static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(SHA256.get().digest(bytes));
    }

    private static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC_SHA256.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC takes any key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * S3's URI encoding: every byte of the UTF-8 form except the unreserved {@code A-Z a-z 0-9 - _ . ~} as
     * {@code %XY} (upper-case hex); {@code /} kept when {@code keepSlash} (an object key in a path), encoded otherwise
     * (a query value).
     */
    static String uriEncode(String text, boolean keepSlash) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 16);
        for (byte b : utf8) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (c == '/' && keepSlash)) {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
