package dev.vprompt.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Files written by numpy (src/test/python/make_npy_refs.py); the expected values are the rules stated there. */
class NpyReaderTest {

    private static NpyArray load(String name) throws IOException {
        try (InputStream in = NpyReaderTest.class.getResourceAsStream("/npy/" + name + ".npy")) {
            assertThat(in).as("resource %s", name).isNotNull();
            return NpyReader.read(in.readAllBytes());
        }
    }

    @Test
    void shouldReadFloat32MatrixWhenVersion1Header() throws IOException {
        // Given / When
        NpyArray a = load("f4_2x3");

        // Then
        assertThat(a.dtype()).isEqualTo(NpyDType.FLOAT32);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.toFloatArray()).containsExactly(-1f, -0.5f, 0f, 0.5f, 1f, 1.5f);
        assertThat(a.getAsDouble(a.flatIndex(1, 2))).isEqualTo(1.5);
    }

    @Test
    void shouldReadFloat64IncludingExtremesWhenF8() throws IOException {
        // Given / When
        NpyArray a = load("f8_4");

        // Then
        double[] v = a.toDoubleArray();
        assertThat(v).containsExactly(0.1, -2.5, 1e300, -0.0);
        assertThat(Double.doubleToRawLongBits(v[3])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void shouldReadIntegersWhenI8AndI4() throws IOException {
        // Given / When
        NpyArray longs = load("i8_3");
        NpyArray ints = load("i4_2x2");

        // Then
        assertThat(longs.toLongArray()).containsExactly(-1L, 1L << 40, 7L);
        assertThat(ints.toIntArray()).containsExactly(-5, 6, Integer.MAX_VALUE, Integer.MIN_VALUE);
        assertThat(ints.shape()).containsExactly(2, 2);
    }

    @Test
    void shouldReadUnsignedBytesWhenU1() throws IOException {
        // Given / When
        NpyArray a = load("u1_2x2x3");

        // Then
        int[] expected = new int[12];
        for (int i = 0; i < 12; i++) {
            expected[i] = (i * 20) & 0xFF;
        }
        assertThat(a.shape()).containsExactly(2, 2, 3);
        assertThat(a.toIntArray()).containsExactly(expected);
        assertThat(a.getAsLong(a.flatIndex(1, 1, 2))).isEqualTo(220L);
    }

    @Test
    void shouldReadBooleansWhenB1() throws IOException {
        // Given / When
        NpyArray a = load("b1_5");

        // Then
        assertThat(a.dtype()).isEqualTo(NpyDType.BOOL);
        assertThat(a.toBooleanArray()).containsExactly(true, false, false, true, true);
    }

    @Test
    void shouldReadScalarWhenShapeIsEmpty() throws IOException {
        // Given / When
        NpyArray a = load("scalar_f4");

        // Then
        assertThat(a.shape()).isEmpty();
        assertThat(a.size()).isEqualTo(1);
        assertThat(a.toFloatArray()).containsExactly(3.25f);
    }

    @Test
    void shouldReadVersion2HeaderWhenFourByteLength() throws IOException {
        // Given / When
        NpyArray a = load("f4_v2");

        // Then
        assertThat(a.toFloatArray()).containsExactly(0f, 1f, 2f, 3f);
    }

    @Test
    void shouldRejectFortranOrderAndBigEndian() {
        assertThatThrownBy(() -> load("f4_fortran"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("Fortran");
        assertThatThrownBy(() -> load("f4_bigendian"))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining(">f4");
    }

    @Test
    void shouldRejectBadMagicAndTruncatedData() throws IOException {
        // Given
        byte[] good;
        try (InputStream in = getClass().getResourceAsStream("/npy/f4_2x3.npy")) {
            good = in.readAllBytes();
        }
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        byte[] badMagic = good.clone();
        badMagic[1] = 'X';

        // When / Then
        assertThatThrownBy(() -> NpyReader.read(truncated))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("data has");
        assertThatThrownBy(() -> NpyReader.read(badMagic))
                .isInstanceOf(NpyFormatException.class)
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> NpyReader.read(new byte[3])).isInstanceOf(NpyFormatException.class);
    }

    @Test
    void shouldRefuseLossyAccessorsWhenDtypeDiffers() throws IOException {
        // Given
        NpyArray floats = load("f4_2x3");
        NpyArray longs = load("i8_3");

        // When / Then
        assertThatThrownBy(floats::toLongArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(longs::toIntArray).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(longs::toFloatArray).isInstanceOf(IllegalStateException.class);
    }
}
