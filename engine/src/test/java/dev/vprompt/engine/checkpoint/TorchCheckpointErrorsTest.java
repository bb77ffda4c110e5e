package dev.vprompt.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vprompt.engine.checkpoint.pickle.PickleWriter;
import dev.vprompt.engine.checkpoint.pickle.PyDict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchCheckpointErrorsTest {

    @TempDir
    Path dir;

    private Path valid;

    @BeforeEach
    void writeValidCheckpoint() {
        valid = dir.resolve("valid.pth");
        TorchCheckpointWriter.create()
                .prefix("run")
                .model(TestTensors.stateDict(
                        TestTensors.tensor("a", DType.FLOAT32, 8, 8), TestTensors.tensor("b", DType.FLOAT32, 16)))
                .epoch(1)
                .write(valid);
    }

    @Test
    void shouldSayNotAZipWhenFileIsSomethingElse() throws IOException {
        // Given
        Path file = Files.writeString(dir.resolve("text.pth"), "hello, not a checkpoint");

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a zip");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.1, 0.5, 0.9, 0.999})
    void shouldSayTruncatedWhenFileIsCutShort(double keep) throws IOException {
        // Given
        byte[] all = Files.readAllBytes(valid);
        Path file = Files.write(dir.resolve("cut.pth"), Arrays.copyOf(all, Math.max(4, (int) (all.length * keep))));

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldSayTruncatedWhenOnlyLastByteIsMissing() throws IOException {
        // Given
        byte[] all = Files.readAllBytes(valid);
        Path file = Files.write(dir.resolve("cut1.pth"), Arrays.copyOf(all, all.length - 1));

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file)).hasMessageContaining("truncated");
    }

    @Test
    void shouldSayNoDataPklWhenZipIsNotACheckpoint() throws IOException {
        // Given
        Path file = ZipSurgery.copy(
                valid, dir.resolve("nopkl.pth"), ZipEntry.STORED, (n, b) -> n.endsWith("data.pkl") ? null : b);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no data.pkl");
    }

    @Test
    void shouldNameMissingStorageRecordAndTensorWhenRecordIsAbsent() throws IOException {
        // Given
        Path file = ZipSurgery.copy(
                valid, dir.resolve("nostorage.pth"), ZipEntry.STORED, (n, b) -> n.equals("run/data/1") ? null : b);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("missing storage record 'run/data/1'")
                .hasMessageContaining("'b'");
    }

    @Test
    void shouldSayStorageTooShortWhenRecordHoldsFewerBytesThanTensorNeeds() throws IOException {
        // Given
        Path file = ZipSurgery.copy(
                valid,
                dir.resolve("short.pth"),
                ZipEntry.STORED,
                (n, b) -> n.equals("run/data/0") ? Arrays.copyOf(b, b.length - 4) : b);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("run/data/0")
                .hasMessageContaining("holds 252 bytes")
                .hasMessageContaining("'a'");
    }

    @Test
    void shouldNameOpcodeWhenPickleUsesUnsupportedOne() throws IOException {
        // Given: protocol 2, EXT1 (extension registry code 1), STOP
        byte[] pickle = {(byte) 0x80, 2, (byte) 0x82, 1, '.'};
        Path file = ZipSurgery.copy(
                valid, dir.resolve("ext.pth"), ZipEntry.STORED, (n, b) -> n.endsWith("data.pkl") ? pickle : b);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unsupported pickle opcode EXT1");
    }

    @Test
    void shouldListTopLevelKeysWhenModelEntryIsMissing() {
        // Given
        Path file = dir.resolve("nomodel.pth");
        TorchCheckpointWriter.create()
                .tensors("state_dict", TestTensors.stateDict(TestTensors.tensor("w", DType.FLOAT32, 2)))
                .epoch(2)
                .write(file);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no 'model' entry")
                .hasMessageContaining("[state_dict, epoch, scaler]");
    }

    @Test
    void shouldRejectCompressedRecordsWhenZipWasRepackedWithDeflate() throws IOException {
        // Given
        Path file = ZipSurgery.copy(valid, dir.resolve("deflated.pth"), ZipEntry.DEFLATED, (n, b) -> b);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("compressed (method 8)");
    }

    @Test
    void shouldNameValueWhenModelEntryHoldsSomethingOtherThanTensors() throws IOException {
        // Given: {'model': {'w': 'text'}}
        PyDict model = new PyDict(true);
        model.put("w", "text");
        PyDict root = new PyDict();
        root.put("model", model);
        byte[] pickle = PickleWriter.dumps(root);
        Path file = ZipSurgery.copy(
                valid, dir.resolve("strings.pth"), ZipEntry.STORED, (n, b) -> n.endsWith("data.pkl") ? pickle : b);

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining("state dict value 'w' is a String, not a tensor");
    }

    @Test
    void shouldRejectBigEndianStoragesWhenByteorderRecordSaysSo() throws IOException {
        // Given: a 'byteorder' record as newer torch versions write, claiming big-endian data
        Path file = ZipSurgery.addEntry(
                valid, dir.resolve("big.pth"), "run/byteorder", "big".getBytes(StandardCharsets.US_ASCII));

        // When / Then
        assertThatThrownBy(() -> TorchCheckpoint.read(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'big' byte order");
    }

    @Test
    void shouldReadNormallyWhenByteorderRecordSaysLittle() throws IOException {
        // Given
        Path file = ZipSurgery.addEntry(
                valid, dir.resolve("little.pth"), "run/byteorder", "little".getBytes(StandardCharsets.US_ASCII));

        // When
        StateDict read = TorchCheckpoint.read(file);

        // Then
        org.assertj.core.api.Assertions.assertThat(read.tensors()).containsOnlyKeys("a", "b");
    }
}
