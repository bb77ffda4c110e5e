package dev.vprompt.schemas.codec;

import static dev.vprompt.schemas.codec.DecodeAssertions.malformedOrDecoded;
import static dev.vprompt.schemas.codec.DecodeAssertions.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.schemas.PromptCompleted;
import dev.vprompt.schemas.codec.EventDecodeException.Reason;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever the bytes, decoding ends in a value or an {@link EventDecodeException} with the right reason. */
class GarbageDecodeTest {

    private static final long SEED = 20240531L;
    private static final int RANDOM_ARRAYS = 3000;
    private static final int MAX_RANDOM_LENGTH = 300;

    static Stream<Arguments> codecsWithValidMessage() {
        return Stream.of(
                Arguments.of(
                        "PromptJob",
                        EventCodecs.promptJob(),
                        EventCodecs.promptJob().encode(TestEvents.fullPromptJob())),
                Arguments.of(
                        "PromptCompleted",
                        EventCodecs.promptCompleted(),
                        EventCodecs.promptCompleted().encode(TestEvents.fullCompleted())),
                Arguments.of(
                        "DeadLetter",
                        EventCodecs.deadLetter(),
                        EventCodecs.deadLetter().encode(TestEvents.fullDeadLetter())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectAsEmptyWhenBytesAreNullOrEmpty(String name, EventCodec<?> codec, byte[] valid) {
        // When
        EventDecodeException forNull = rejected(codec, null, Reason.EMPTY);
        EventDecodeException forEmpty = rejected(codec, new byte[0], Reason.EMPTY);

        // Then
        assertThat(forNull.fingerprint()).isEmpty();
        assertThat(forEmpty.fingerprint()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectWithReasonFromHeaderWhenBytesAreRandom(String name, EventCodec<?> codec, byte[] valid) {
        // Given
        Random random = new Random(SEED);

        for (int i = 0; i < RANDOM_ARRAYS; i++) {
            byte[] bytes = new byte[random.nextInt(MAX_RANDOM_LENGTH)];
            random.nextBytes(bytes);
            if (i % 3 == 0 && bytes.length >= 2) { // make a third of them look single-object encoded
                bytes[0] = (byte) 0xC3;
                bytes[1] = 0x01;
            }

            // When / Then
            rejected(codec, bytes, expectedReasonForRandom(bytes));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectAsMalformedOrDecodeWhenHeaderIsKnownAndBodyIsRandom(
            String name, EventCodec<?> codec, byte[] valid) {
        // Given
        Random random = new Random(SEED);
        int rejectedCount = 0;

        for (int i = 0; i < RANDOM_ARRAYS; i++) {
            byte[] body = new byte[random.nextInt(MAX_RANDOM_LENGTH)];
            random.nextBytes(body);
            byte[] bytes = concat(Arrays.copyOf(valid, SingleObjectCodec.HEADER_LENGTH), body);

            // When / Then
            rejectedCount += malformedOrDecoded(codec, bytes) ? 1 : 0;
        }
        assertThat(rejectedCount).isGreaterThan(RANDOM_ARRAYS * 9 / 10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectAsMalformedOrDecodeWhenValidBodyHasRandomBytesChanged(
            String name, EventCodec<?> codec, byte[] valid) {
        // Given
        Random random = new Random(SEED);

        for (int i = 0; i < RANDOM_ARRAYS; i++) {
            byte[] bytes = valid.clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int at = SingleObjectCodec.HEADER_LENGTH
                        + random.nextInt(bytes.length - SingleObjectCodec.HEADER_LENGTH);
                bytes[at] = (byte) random.nextInt(256);
            }

            // When / Then
            malformedOrDecoded(codec, bytes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectAsUnknownSchemaWhenFingerprintIsNotReleased(String name, EventCodec<?> codec, byte[] valid) {
        // Given
        long unknown = 0x0123_4567_89AB_CDEFL;
        byte[] bytes = valid.clone();
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(unknown);

        // When
        EventDecodeException e = rejected(codec, bytes, Reason.UNKNOWN_SCHEMA);

        // Then
        assertThat(e.fingerprint()).hasValue(unknown);
    }

    @Test
    void shouldRejectAsUnknownSchemaWhenMessageIsAnotherEventType() {
        // Given
        byte[] completed = EventCodecs.promptCompleted().encode(TestEvents.minimalCompleted());

        // When
        EventDecodeException e = rejected(EventCodecs.promptJob(), completed, Reason.UNKNOWN_SCHEMA);

        // Then
        assertThat(e.fingerprint())
                .hasValue(SchemaNormalization.parsingFingerprint64(PromptCompleted.getClassSchema()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectEveryTruncationWhenMessageIsCutShort(String name, EventCodec<?> codec, byte[] valid) {
        for (int length = 0; length < valid.length; length++) {
            // Given
            byte[] truncated = Arrays.copyOf(valid, length);
            Reason expected = length == 0
                    ? Reason.EMPTY
                    : length < SingleObjectCodec.HEADER_LENGTH ? Reason.BAD_HEADER : Reason.MALFORMED;

            // When / Then
            rejected(codec, truncated, expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectAsMalformedWhenCompleteRecordHasTrailingBytes(String name, EventCodec<?> codec, byte[] valid) {
        for (byte[] tail : List.of(new byte[] {0}, new byte[] {1, 2, 3}, Arrays.copyOf(valid, valid.length))) {
            // Given
            byte[] bytes = concat(valid, tail);

            // When
            EventDecodeException e = rejected(codec, bytes, Reason.MALFORMED);

            // Then
            assertThat(e.getMessage()).contains("trailing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecsWithValidMessage")
    void shouldRejectAsBadHeaderWhenMarkerIsWrong(String name, EventCodec<?> codec, byte[] valid) {
        for (int index = 0; index < 2; index++) {
            // Given
            byte[] bytes = valid.clone();
            bytes[index] ^= 0x40;

            // When
            EventDecodeException e = rejected(codec, bytes, Reason.BAD_HEADER);

            // Then
            assertThat(e.fingerprint()).isEmpty();
        }
    }

    private static Reason expectedReasonForRandom(byte[] bytes) {
        if (bytes.length == 0) {
            return Reason.EMPTY;
        }
        boolean marker = bytes[0] == (byte) 0xC3 && (bytes.length < 2 || bytes[1] == 0x01);
        if (!marker || bytes.length < SingleObjectCodec.HEADER_LENGTH) {
            return Reason.BAD_HEADER;
        }
        return Reason.UNKNOWN_SCHEMA; // a random 64-bit fingerprint does not hit one of a handful of known ones
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
