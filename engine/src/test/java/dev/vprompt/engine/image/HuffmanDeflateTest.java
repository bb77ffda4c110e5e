package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HuffmanDeflateTest {

    static Stream<Arguments> inputs() {
        Random random = new Random(3);
        byte[] noise = new byte[100_000];
        random.nextBytes(noise);
        byte[] skewed = new byte[150_000];
        for (int i = 0; i < skewed.length; i++) {
            skewed[i] = (byte) (random.nextGaussian() * 3); // small filtered differences, as after "Up"
        }
        byte[] allSymbols = new byte[256];
        for (int i = 0; i < 256; i++) {
            allSymbols[i] = (byte) i;
        }
        byte[] constant = new byte[70_000];
        Arrays.fill(constant, (byte) 7);
        return Stream.of(
                Arguments.of("one byte", new byte[] {42}),
                Arguments.of("one value repeated", constant),
                Arguments.of("every value once", allSymbols),
                Arguments.of("uniform noise", noise),
                Arguments.of("small differences", skewed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void shouldInflateBackToTheSameBytesWhenReadByZlib(String name, byte[] data) throws DataFormatException {
        // When
        byte[] stream = HuffmanDeflate.zlib(data, counts(data, 0, data.length));
        // Then: zlib (java.util.zip) reads it, checksum included, to the very bytes
        assertThat(inflate(stream)).isEqualTo(data);
    }

    @Test
    void shouldLimitCodeLengthsAndKeepTheCodeCompleteWhenCountsWouldMakeADeepTree() {
        // Given: Fibonacci counts, whose Huffman tree is as deep as there are symbols
        long[] counts = new long[30];
        counts[0] = 1;
        counts[1] = 1;
        for (int i = 2; i < counts.length; i++) {
            counts[i] = counts[i - 1] + counts[i - 2];
        }
        // When
        int[] lengths = HuffmanDeflate.lengths(counts, 15);
        // Then: no code over 15 bits, every symbol coded, and the Kraft sum exactly 1 (a complete code)
        assertThat(Arrays.stream(lengths).max().getAsInt()).isLessThanOrEqualTo(15);
        assertThat(lengths).doesNotContain(0);
        double kraft = Arrays.stream(lengths).mapToDouble(l -> Math.pow(2, -l)).sum();
        assertThat(kraft).isEqualTo(1.0);
    }

    @Test
    void shouldGiveShorterCodesToMoreFrequentSymbolsWhenCountsDiffer() {
        // Given
        long[] counts = {100, 10, 1, 1, 0};
        // When
        int[] lengths = HuffmanDeflate.lengths(counts, 15);
        // Then
        assertThat(lengths).containsExactly(1, 2, 3, 3, 0);
    }

    @ParameterizedTest(name = "split at {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 999, 50_000, 149_999, 150_000})
    void shouldInflateHeadAndTailAsOneStreamWhenWrittenInTwoParts(int split) throws DataFormatException {
        // Given: 150 KB of small differences, split anywhere (the tail may be empty)
        Random random = new Random(split);
        byte[] data = new byte[150_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (random.nextGaussian() * 3);
        }

        // When: the head is coded on its own and the tail after it
        byte[] head = HuffmanDeflate.zlibHead(data, 0, split, counts(data, 0, split));
        byte[] tail = HuffmanDeflate.zlibTail(
                data,
                split,
                data.length - split,
                counts(data, split, data.length - split),
                HuffmanDeflate.adler32(data, 0, split));
        byte[] stream = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, stream, head.length, tail.length);

        // Then: zlib reads the concatenation, Adler-32 included, to the very bytes
        assertThat(inflate(stream)).isEqualTo(data);
    }

    @Test
    void shouldCombineAdlerChecksumsAsTheChecksumOfTheConcatenation() {
        // Given
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            byte[] data = new byte[random.nextInt(200_000)];
            random.nextBytes(data);
            int split = data.length == 0 ? 0 : random.nextInt(data.length + 1);

            // When
            int combined = HuffmanDeflate.adler32Combine(
                    HuffmanDeflate.adler32(data, 0, split),
                    HuffmanDeflate.adler32(data, split, data.length - split),
                    data.length - split);

            // Then
            assertThat(combined).as("trial %d", trial).isEqualTo(HuffmanDeflate.adler32(data, 0, data.length));
        }
    }

    /** The byte histogram of {@code data[off, off + len)}, counted the plain way. */
    static long[] counts(byte[] data, int off, int len) {
        long[] counts = new long[256];
        for (int i = off; i < off + len; i++) {
            counts[data[i] & 0xFF]++;
        }
        return counts;
    }

    /** What zlib (java.util.zip) inflates {@code stream} to, checking that it ends exactly at the Adler-32. */
    private static byte[] inflate(byte[] stream) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(stream);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            assertThat(n > 0 || !inflater.needsInput()).as("stream ended early").isTrue();
            out.write(buf, 0, n);
        }
        assertThat(inflater.getRemaining()).isZero();
        inflater.end();
        return out.toByteArray();
    }
}
