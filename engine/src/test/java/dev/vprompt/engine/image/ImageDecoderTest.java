package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PNG/JPEG flavour (PNG through the direct path where it applies) against what Pillow 9.4 gives for {@code convert('RGB')} and {@code convert('L')}. */
class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    static Stream<String> referenceImages() throws IOException {
        return DecodeReferences.referenceImages();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceImages")
    void shouldMatchPillowConvertRgbWhenDecodingPhoto(String file) throws Exception {
        // Given
        byte[] encoded = DecodeReferences.bytes(file);
        byte[] expected = DecodeReferences.expectedRgb(file);

        // When
        RgbImage image = decoder.decode(encoded);

        // Then
        assertThat(image.pixels()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceImages")
    void shouldMatchPillowConvertLWhenDecodingMask(String file) throws Exception {
        // Given
        byte[] encoded = DecodeReferences.bytes(file);
        byte[] expected = DecodeReferences.expectedMask(file);

        // When
        RgbImage mask = decoder.decodeMask(encoded);

        // Then
        assertThat(mask.pixels()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.vprompt.engine.image.ImageDecoderTest#unsupportedSignatures")
    void shouldReportUnsupportedWhenFormatIsNotAccepted(String format, byte[] encoded) {
        // When / Then
        assertThatThrownBy(() -> decoder.decode(encoded))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    }

    static Stream<Arguments> unsupportedSignatures() {
        byte[] psd = Arrays.copyOf("8BPS".getBytes(StandardCharsets.US_ASCII), 64);
        byte[] jpeg2000 = Arrays.copyOf(new byte[] {0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10}, 64);
        byte[] riffWave = Arrays.copyOf("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII), 64);
        return Stream.of(
                Arguments.of("PSD", psd), Arguments.of("JPEG 2000", jpeg2000), Arguments.of("RIFF WAVE", riffWave));
    }
}
