package dev.vprompt.worker.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

    /** The example credentials of the AWS S3 documentation ("Signature Calculations for the Authorization Header"). */
    private final SigV4Signer signer =
            new SigV4Signer("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1");

    @Test
    void shouldSignAGetAsTheAwsDocumentationsExampleWhenGivenItsRequest() {
        // Given: "GET /test.txt" with a Range header, from the AWS S3 API reference's signature V4 examples
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", SigV4Signer.EMPTY_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        // When
        String authorization = signer.authorization("GET", "/test.txt", "", headers);
        // Then
        assertThat(authorization)
                .isEqualTo("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                        + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    }

    @Test
    void shouldSignAPutWithItsPayloadHashAsTheAwsDocumentationsExampleWhenGivenItsRequest() {
        // Given: "PUT test$file.text" with the body "Welcome to Amazon S3." from the same examples
        String payload =
                SigV4Signer.sha256Hex("Welcome to Amazon S3.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("date", "Fri, 24 May 2013 00:00:00 GMT");
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("x-amz-content-sha256", payload);
        headers.put("x-amz-date", "20130524T000000Z");
        headers.put("x-amz-storage-class", "REDUCED_REDUNDANCY");
        // When
        String authorization =
                signer.authorization("PUT", "/" + SigV4Signer.uriEncode("test$file.text", true), "", headers);
        // Then
        assertThat(payload).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(authorization)
                .endsWith("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void shouldEncodeEveryByteButTheUnreservedOnesWhenEncodingAKeyOrAQueryValue() {
        // Given / When / Then
        assertThat(SigV4Signer.uriEncode("a/b c+d~e_f.g-h", true)).isEqualTo("a/b%20c%2Bd~e_f.g-h");
        assertThat(SigV4Signer.uriEncode("a/b", false)).isEqualTo("a%2Fb");
        assertThat(SigV4Signer.uriEncode("caf\u00e9", true)).isEqualTo("caf%C3%A9");
    }

    @Test
    void shouldFormatTheRequestTimeInUtcWhenGivenAnotherZone() {
        // Given
        ZonedDateTime time = ZonedDateTime.of(2013, 5, 24, 2, 0, 0, 0, ZoneOffset.ofHours(2));
        // When / Then
        assertThat(SigV4Signer.amzDate(time)).isEqualTo("20130524T000000Z");
    }

    @Test
    void shouldGiveTheDateOfTheRequestsSecondWhenAskedRepeatedlyWithinItAndAfterIt() {
        // Given: 2013-05-24T00:00:00Z in milliseconds
        long t = 1_369_353_600_000L;
        // When / Then
        assertThat(signer.amzDate(t)).isEqualTo("20130524T000000Z");
        assertThat(signer.amzDate(t + 999)).isEqualTo("20130524T000000Z");
        assertThat(signer.amzDate(t + 1000)).isEqualTo("20130524T000001Z");
        assertThat(signer.amzDate(t - 1)).isEqualTo("20130523T235959Z");
    }

    @Test
    void shouldRefuseToSignWhenARequiredHeaderIsMissing() {
        // Given
        SortedMap<String, String> headers = new TreeMap<>();
        headers.put("host", "h");
        // When / Then
        assertThatThrownBy(() -> signer.authorization("GET", "/", "", headers))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
