package dev.vprompt.engine.checkpoint;

import dev.vprompt.engine.checkpoint.zip.MappedFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Loads model weights from whichever supported format a file is in, told apart by its first bytes: a zip ({@code PK})
 * is a PyTorch checkpoint read with {@link TorchCheckpoint#read(Path)} ({@code model} entry); a little-endian header
 * length followed by {@code '{'} is safetensors.
 *
 * <p>Thread-safe: stateless.
 */
public final class Checkpoints {

    private static final int PICKLE_PROTO = 0x80;

    private Checkpoints() {}

    /**
     * @throws CheckpointException naming the file when its format is not recognised or it cannot be read
     */
    public static StateDict load(Path file) {
        return switch (detect(file)) {
            case TORCH_ZIP -> TorchCheckpoint.read(file);
            case SAFETENSORS -> Safetensors.read(file);
        };
    }

    /** The supported file formats. */
    public enum Format {
        TORCH_ZIP,
        SAFETENSORS
    }

    /** The format of a file from its magic bytes. */
    public static Format detect(Path file) {
        try (MappedFile mapped = MappedFile.open(file)) {
            ByteBuffer head = mapped.slice(0, Math.min(9, mapped.size()));
            if (head.limit() >= 2 && head.get(0) == 'P' && head.get(1) == 'K') {
                return Format.TORCH_ZIP;
            }
            if (head.limit() == 9
                    && head.get(8) == '{'
                    && head.getLong(0) > 0
                    && head.getLong(0) <= mapped.size() - 8) {
                return Format.SAFETENSORS;
            }
            if (head.limit() >= 1 && (head.get(0) & 0xff) == PICKLE_PROTO) {
                throw new CheckpointException(file + ": legacy (pre-1.6) PyTorch pickle format is not supported; "
                        + "re-save it with torch.save(obj, path) from torch >= 1.6");
            }
            throw new CheckpointException(
                    file + ": unrecognised checkpoint format (neither a PyTorch zip nor safetensors)");
        }
    }
}
