package dev.vprompt.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format versions 1, 2 and 3): little-endian float32, float64, int64, int32, uint8
 * and bool arrays in C order. Fortran-ordered, big-endian, structured and object arrays are rejected with an
 * {@link NpyFormatException}.
 *
 * <p>Thread-safe: stateless.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {}

    /** Reads the whole file at {@code path}. */
    public static NpyArray read(Path path) throws IOException {
        return read(Files.readAllBytes(path));
    }

    /** Parses the bytes of a whole {@code .npy} file. */
    public static NpyArray read(byte[] file) throws NpyFormatException {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < MAGIC.length + 4) {
            throw new NpyFormatException("too short for a .npy file: " + file.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get() != MAGIC[i]) {
                throw new NpyFormatException("not a .npy file (bad magic)");
            }
        }
        int major = buf.get() & 0xFF;
        buf.get(); // minor version: no meaning for parsing
        long headerLen;
        if (major == 1) {
            headerLen = buf.getShort() & 0xFFFF;
        } else if (major == 2 || major == 3) {
            if (buf.remaining() < 4) {
                throw new NpyFormatException("truncated header length");
            }
            headerLen = buf.getInt() & 0xFFFFFFFFL;
        } else {
            throw new NpyFormatException("unsupported .npy format version " + major);
        }
        if (headerLen > buf.remaining()) {
            throw new NpyFormatException("header length " + headerLen + " exceeds the file");
        }
        String header = new String(file, buf.position(), (int) headerLen, StandardCharsets.UTF_8);
        buf.position(buf.position() + (int) headerLen);

        NpyDType dtype = NpyDType.fromDescr(field(DESCR, header, "descr"));
        if (field(FORTRAN, header, "fortran_order").equals("True")) {
            throw new NpyFormatException("Fortran-ordered arrays are not supported");
        }
        int[] shape = parseShape(field(SHAPE, header, "shape"));
        long expected = dtype.byteSize();
        for (int d : shape) {
            expected *= d;
        }
        if (expected != buf.remaining()) {
            throw new NpyFormatException(
                    "data has " + buf.remaining() + " bytes, header implies " + expected + " (" + header.trim() + ")");
        }
        return new NpyArray(shape, dtype, buf.slice());
    }

    private static String field(Pattern p, String header, String name) throws NpyFormatException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new NpyFormatException("header has no '" + name + "': " + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text) throws NpyFormatException {
        List<Integer> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String s = part.trim();
            if (s.endsWith("L")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty()) {
                continue;
            }
            try {
                dims.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw new NpyFormatException("bad shape '(" + text + ")'");
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
