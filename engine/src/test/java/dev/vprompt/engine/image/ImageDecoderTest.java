package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.image.ImageDecodeException.Reason;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PNG/JPEG flavour against what Pillow 9.4 gives for {@code convert('RGB')} and {@code convert('L')}. */
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
    @MethodSource("dev.vprompt.engine.image.ImageDecoderTest#unsupportedFiles")
    void shouldReportUnsupportedWhenFormatOrColourSpaceIsNotHandled(String file) throws IOException {
        // Given
        byte[] encoded = DecodeReferences.bytes(file);

        // When / Then
        assertThatThrownBy(() -> decoder.decode(encoded))
                .isInstanceOfSatisfying(
                        ImageDecodeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT));
    }

    static Stream<String> unsupportedFiles() {
        return Stream.of("unsupported.gif", "unsupported_cmyk.jpg");
    }
}
