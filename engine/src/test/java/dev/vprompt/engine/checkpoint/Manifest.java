package dev.vprompt.engine.checkpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A reference manifest written by {@code src/test/python/dump_checkpoint_manifest.py} (python torch). */
@JsonIgnoreProperties(ignoreUnknown = true)
record Manifest(
        @JsonProperty("data_pkl") String dataPkl,
        @JsonProperty("storage_records") int storageRecords,
        @JsonProperty("entry_storage_keys") List<String> entryStorageKeys,
        @JsonProperty("other_storage_keys") List<String> otherStorageKeys,
        @JsonProperty("tensors") List<Tensor> tensors) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tensor(String name, long[] shape, DType dtype, String sha256) {}

    static Manifest load(String resource) {
        try (InputStream in = Manifest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new ObjectMapper().readValue(in, Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256 of the tensor's bytes, as the python script computes it. */
    static String sha256(TensorData tensor) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer data = tensor.data().duplicate();
            digest.update(data);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
