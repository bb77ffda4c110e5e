package dev.vprompt.engine.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplePoolFormatTest {

    private static ExamplePool pool() {
        return new ExamplePool(
                "20261206T100000Z-abc",
                "checkpoint-1000.pth",
                "ab".repeat(32),
                3,
                List.of(
                        new ExamplePool.Entry(
                                new ExampleRef("b", "x/in0.png", null), new ExampleRef("b", "x/out0.png", "v7")),
                        new ExamplePool.Entry(
                                new ExampleRef("b", "x/in1.png", null), new ExampleRef("b", "x/out1.png", null))),
                new float[] {1f, 0f, 0f, 0f, 0.6f, 0.8f});
    }

    @Test
    void shouldReadBackTheSamePoolWhenWritingAnIndex() {
        // Given
        ExamplePool pool = pool();

        // When
        ExamplePool read = ExamplePoolFormat.readIndex(ExamplePoolFormat.writeIndex(pool));

        // Then
        assertThat(read).isEqualTo(pool);
        assertThat(read.entries().get(0).output().versionId()).isEqualTo("v7");
    }

    @Test
    void shouldLayTheEmbeddingsOutAsLittleEndianFloatsAfterTheHeaderWhenWritingAnIndex() {
        // Given
        byte[] bytes = ExamplePoolFormat.writeIndex(pool());

        // When: read as the format documents it, without the reader
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[8];
        in.get(magic);
        int headerLength = in.getInt();
        String header = new String(bytes, 12, headerLength, StandardCharsets.UTF_8);
        in.position(12 + headerLength);
        float[] values = new float[in.remaining() / 4];
        in.asFloatBuffer().get(values);

        // Then
        assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("VPPOOL01");
        assertThat(header).contains("\"count\":2").contains("\"dim\":3").contains("x/in1.png");
        assertThat(values).containsExactly(1f, 0f, 0f, 0f, 0.6f, 0.8f);
    }

    @Test
    void shouldNameTheIndexAndModelWhenWritingAHead() {
        // Given
        ExamplePool pool = pool();
        String key = ExamplePoolFormat.indexKey("pools/a", pool.version());

        // When
        PoolHead head = ExamplePoolFormat.readHead(ExamplePoolFormat.writeHead(pool, key));

        // Then
        assertThat(head)
                .isEqualTo(new PoolHead(
                        pool.version(),
                        "pools/a/pool-20261206T100000Z-abc.vpi",
                        "checkpoint-1000.pth",
                        "ab".repeat(32),
                        2,
                        3));
        assertThat(ExamplePoolFormat.headKey("pools/a")).isEqualTo("pools/a/pool.json");
    }

    @Test
    void shouldRefuseWithoutAllocatingWhenTheIndexClaimsMoreBytesThanItHas() {
        // Given: a header length of 2 GB in a 20-byte object
        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.put("VPPOOL01".getBytes(StandardCharsets.US_ASCII)).putInt(Integer.MAX_VALUE);

        // When / Then
        assertThatThrownBy(() -> ExamplePoolFormat.readIndex(b.array()))
                .isInstanceOf(PoolFormatException.class)
                .hasMessageContaining("only 8 left");
    }

    @Test
    void shouldRefuseWhenTheEmbeddingsAreTruncatedOrTheMagicIsWrong() {
        // Given
        byte[] good = ExamplePoolFormat.writeIndex(pool());
        byte[] truncated = Arrays.copyOf(good, good.length - 4);
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';

        // When / Then
        assertThatThrownBy(() -> ExamplePoolFormat.readIndex(truncated))
                .isInstanceOf(PoolFormatException.class)
                .hasMessageContaining("float32 embeddings");
        assertThatThrownBy(() -> ExamplePoolFormat.readIndex(wrongMagic))
                .isInstanceOf(PoolFormatException.class)
                .hasMessageContaining("magic");
        assertThatThrownBy(() -> ExamplePoolFormat.readHead("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoolFormatException.class);
        assertThatThrownBy(() -> ExamplePoolFormat.readHead("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoolFormatException.class);
    }
}
