package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JpegIccStripperTest {

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    void shouldRemoveIccSegmentAndKeepEverythingElse() throws Exception {
        // Given
        byte[] withIcc = DecodeReferences.bytes("rgb_icc.jpg");
        byte[] plain = DecodeReferences.bytes("rgb_420.jpg");
        assertThat(contains(withIcc, "ICC_PROFILE")).isTrue();

        // When
        byte[] stripped = JpegIccStripper.strip(withIcc);

        // Then: same encoder settings and pixels, so without the profile the files are identical
        assertThat(contains(stripped, "ICC_PROFILE")).isFalse();
        assertThat(stripped).isEqualTo(plain);
    }

    @Test
    void shouldReturnInputUnchangedWhenNoProfile() throws Exception {
        // Given
        byte[] plain = DecodeReferences.bytes("rgb_420.jpg");

        // When / Then
        assertThat(JpegIccStripper.strip(plain)).isSameAs(plain);
    }
}
