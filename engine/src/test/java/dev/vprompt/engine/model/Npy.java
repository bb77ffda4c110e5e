package dev.vprompt.engine.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-only reader of the reference {@code .npy} files (versions 1-3, little-endian, C order). */
record Npy(String dtype, long[] shape, ByteBuffer data) {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Npy read(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            if (all[0] != (byte) 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new IllegalArgumentException("not an npy file: " + file);
            }
            int major = all[6];
            int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
            int start = major == 1 ? 10 : 12;
            String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
            if (header.contains("'fortran_order': True")) {
                throw new IllegalArgumentException("fortran order not supported: " + file);
            }
            Matcher d = DESCR.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !s.find()) {
                throw new IllegalArgumentException("bad npy header: " + header);
            }
            long[] shape = Arrays.stream(s.group(1).split(","))
                    .map(String::trim)
                    .filter(x -> !x.isEmpty())
                    .mapToLong(Long::parseLong)
                    .toArray();
            ByteBuffer data = ByteBuffer.wrap(all, start + headerLen, all.length - start - headerLen)
                    .slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            return new Npy(d.group(1), shape, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long numel() {
        return Arrays.stream(shape).reduce(1, (a, c) -> a * c);
    }

    float[] floats() {
        require("<f4");
        float[] out = new float[(int) numel()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    long[] longs() {
        require("<i8");
        long[] out = new long[(int) numel()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    byte[] bytes() {
        require("|u1");
        byte[] out = new byte[(int) numel()];
        data.duplicate().get(out);
        return out;
    }

    private void require(String expected) {
        if (!dtype.equals(expected)) {
            throw new IllegalStateException("dtype " + dtype + ", expected " + expected);
        }
    }
}
