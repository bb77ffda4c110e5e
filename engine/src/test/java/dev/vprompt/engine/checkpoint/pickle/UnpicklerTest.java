package dev.vprompt.engine.checkpoint.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnpicklerTest {

    /**
     * The values python pickled into {@code values_protocol<N>.pkl} ({@code make_small_checkpoints.py}, VALUES): [1, -7,
     * 2**31, 1.5, "a\nbé", True, None, (1, 2), {"k": 2**70, "neg": -(2**65)}, b"xy", OrderedDict(z=1), {3},
     * frozenset({"f"}), [], (), {}, bytearray(b"ba")].
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void shouldRebuildPythonValuesWhenReadingEachProtocol(int protocol) {
        // Given
        ByteBuffer pickle = resource("values_protocol" + protocol + ".pkl");

        // When
        Object value = Unpickler.load(pickle, PickleHooks.NONE, "values");

        // Then
        assertThat(value).isInstanceOf(List.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) value;
        assertThat(list).hasSize(17);
        assertThat(list.subList(0, 8))
                .containsExactly(1L, -7L, 2147483648L, 1.5, "a\nb\u00e9", true, null, PyTuple.of(1L, 2L));
        assertThat(list.get(8)).isInstanceOf(PyDict.class);
        assertThat(((PyDict) list.get(8)).entrySet())
                .containsExactly(
                        Map.entry("k", BigInteger.TWO.pow(70)),
                        Map.entry("neg", BigInteger.TWO.pow(65).negate()));
        assertThat((byte[]) list.get(9)).containsExactly('x', 'y');
        assertThat(list.get(10)).isInstanceOf(PyDict.class).isEqualTo(Map.of("z", 1L));
        assertThat(((PyDict) list.get(10)).ordered()).isTrue();
        assertThat(list.get(11)).isEqualTo(Set.of(3L));
        assertThat(list.get(12)).isEqualTo(Set.of("f"));
        assertThat(list.subList(13, 16)).containsExactly(List.of(), PyTuple.EMPTY, new PyDict());
        assertThat((byte[]) list.get(16)).containsExactly('b', 'a');
    }

    @Test
    void shouldNameOpcodeWhenPickleUsesOutOfBandBuffers() {
        // Given: protocol 5, NEXT_BUFFER, STOP
        ByteBuffer pickle = ByteBuffer.wrap(new byte[] {(byte) 0x80, 5, (byte) 0x97, '.'});

        // When / Then
        assertThatThrownBy(() -> Unpickler.load(pickle, PickleHooks.NONE, "buffers.pkl"))
                .isInstanceOf(PickleException.class)
                .hasMessage("buffers.pkl: unsupported pickle opcode NEXT_BUFFER at byte 2");
    }

    @Test
    void shouldNameUnknownByteWhenItIsNoOpcode() {
        // Given
        ByteBuffer pickle = ByteBuffer.wrap(new byte[] {(byte) 0x80, 2, (byte) 0xff});

        // When / Then
        assertThatThrownBy(() -> Unpickler.load(pickle, PickleHooks.NONE, "x"))
                .hasMessageContaining("unknown opcode 0xff at byte 2");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 50, 100, 150})
    void shouldSayTruncatedWhenPickleIsCutShort(int length) {
        // Given
        ByteBuffer full = resource("values_protocol2.pkl");
        byte[] bytes = new byte[full.remaining()];
        full.get(bytes);
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(bytes, length));

        // When / Then
        assertThatThrownBy(() -> Unpickler.load(cut, PickleHooks.NONE, "cut.pkl"))
                .isInstanceOf(PickleException.class)
                .hasMessageContaining("cut.pkl")
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRejectNewerProtocolWhenHeaderAsksForIt() {
        // Given
        ByteBuffer pickle = ByteBuffer.wrap(new byte[] {(byte) 0x80, 6, 'N', '.'});

        // When / Then
        assertThatThrownBy(() -> Unpickler.load(pickle, PickleHooks.NONE, "p6"))
                .hasMessageContaining("unsupported pickle protocol 6");
    }

    @Test
    void shouldFailClearlyWhenMemoEntryIsMissing() {
        // Given: BINGET 3 with an empty memo
        ByteBuffer pickle = ByteBuffer.wrap(new byte[] {(byte) 0x80, 2, 'h', 3, '.'});

        // When / Then
        assertThatThrownBy(() -> Unpickler.load(pickle, PickleHooks.NONE, "memo"))
                .hasMessageContaining("memo has no entry 3");
    }

    @Test
    void shouldKeepUnknownClassOpaqueWhenReducedAndBuilt() {
        // Given: some.module.Thing(1) with BUILD state {'a': 2}, never resolved or run
        PyObject thing = new PyObject(new PyGlobal("some.module", "Thing"), PyTuple.of(1L));
        thing.attributes().put("a", 2L);
        ByteBuffer pickle = ByteBuffer.wrap(PickleWriter.dumps(thing));

        // When
        Object value = Unpickler.load(pickle, PickleHooks.NONE, "thing");

        // Then
        assertThat(value).isInstanceOf(PyObject.class);
        PyObject object = (PyObject) value;
        assertThat(object.type()).isEqualTo(new PyGlobal("some.module", "Thing"));
        assertThat(object.args()).isEqualTo(PyTuple.of(1L));
        assertThat(object.attributes()).containsExactly(Map.entry("a", 2L));
    }

    @Test
    void shouldRoundTripWriterOutputWhenValuesAreNested() {
        // Given
        PyDict dict = new PyDict(true);
        dict.put("long", Long.MIN_VALUE);
        dict.put("big", BigInteger.TEN.pow(30).negate());
        dict.put("tuple", PyTuple.of(1L, "2", 3.5, null, true));
        dict.put("list", List.of(PyTuple.EMPTY, PyTuple.of(0L)));
        dict.put(7L, Set.of("s"));
        dict.attributes().put("_metadata", Map.of("", Map.of("version", 1L)));

        // When
        Object value = Unpickler.load(ByteBuffer.wrap(PickleWriter.dumps(dict)), PickleHooks.NONE, "rt");

        // Then
        assertThat(value).isEqualTo(dict);
        assertThat(((PyDict) value).attributes()).isEqualTo(dict.attributes());
    }

    static ByteBuffer resource(String name) {
        try (InputStream in = UnpicklerTest.class.getResourceAsStream("/checkpoint/" + name)) {
            return ByteBuffer.wrap(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
