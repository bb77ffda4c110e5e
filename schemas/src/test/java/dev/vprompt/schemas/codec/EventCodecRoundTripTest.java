package dev.vprompt.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.schemas.DeadLetter;
import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.PromptJob;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecRoundTripTest {

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("PromptJob minimal", EventCodecs.promptJob(), TestEvents.minimalPromptJob()),
                Arguments.of("PromptJob full", EventCodecs.promptJob(), TestEvents.fullPromptJob()),
                Arguments.of("PromptCompleted minimal", EventCodecs.promptCompleted(), TestEvents.minimalCompleted()),
                Arguments.of("PromptCompleted full", EventCodecs.promptCompleted(), TestEvents.fullCompleted()),
                Arguments.of("DeadLetter minimal", EventCodecs.deadLetter(), TestEvents.minimalDeadLetter()),
                Arguments.of("DeadLetter full", EventCodecs.deadLetter(), TestEvents.fullDeadLetter()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    <T extends SpecificRecord> void shouldDecodeWhatItEncodedWhenOptionalsAreSetOrUnset(
            String name, EventCodec<T> codec, T event) throws EventDecodeException {
        // When
        T decoded = codec.decode(codec.encode(event));

        // Then
        assertThat(decoded).isEqualTo(event).isNotSameAs(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    <T extends SpecificRecord> void shouldWriteSingleObjectHeaderWithCrc64FingerprintWhenEncoding(
            String name, EventCodec<T> codec, T event) {
        // Given
        long expected = SchemaNormalization.parsingFingerprint64(event.getSchema());

        // When
        byte[] bytes = codec.encode(event);

        // Then
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(expected);
        assertThat(codec.formatName()).isEqualTo("avro-single-object");
    }

    @Test
    void shouldBeReadableByAvrosOwnMessageDecoderWhenEncodedByCodec() throws Exception {
        // Given
        PromptJob job = TestEvents.fullPromptJob();

        // When
        PromptJob viaAvro =
                PromptJob.fromByteBuffer(ByteBuffer.wrap(EventCodecs.promptJob().encode(job)));

        // Then
        assertThat(viaAvro).isEqualTo(job);
    }

    @Test
    void shouldDecodeWhatAvrosOwnMessageEncoderWrote() throws Exception {
        // Given
        PromptCompleted event = TestEvents.fullCompleted();
        ByteBuffer buffer = event.toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);

        // When
        PromptCompleted decoded = EventCodecs.promptCompleted().decode(bytes);

        // Then
        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void shouldRejectEventWithMissingRequiredFieldWhenEncoding() {
        // Given
        DeadLetter broken = TestEvents.minimalDeadLetter();
        broken.setTopic(null);

        // When / Then
        assertThatThrownBy(() -> EventCodecs.deadLetter().encode(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DeadLetter");
    }

    @Test
    void shouldRejectNullEventWhenEncoding() {
        // Given
        EventCodec<PromptJob> codec = EventCodecs.promptJob();

        // When / Then
        assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReturnSameCodecInstanceWhenAskedTwice() {
        // When
        EventCodec<PromptJob> first = EventCodecs.promptJob();

        // Then
        assertThat(EventCodecs.promptJob()).isSameAs(first);
    }
}
