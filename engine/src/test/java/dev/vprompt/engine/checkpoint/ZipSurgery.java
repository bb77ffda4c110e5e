package dev.vprompt.engine.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.BiFunction;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Copies a zip with java.util.zip (independent of the code under test), changing or dropping entries on the way. */
final class ZipSurgery {

    private ZipSurgery() {}

    /**
     * @param edit entry name and bytes to new bytes, or null to drop the entry
     * @param method {@link ZipEntry#STORED} or {@link ZipEntry#DEFLATED} for the copies
     */
    static Path copy(Path source, Path target, int method, BiFunction<String, byte[], byte[]> edit) throws IOException {
        try (ZipFile in = new ZipFile(source.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] data;
                try (InputStream stream = in.getInputStream(entry)) {
                    data = stream.readAllBytes();
                }
                byte[] edited = edit.apply(entry.getName(), data);
                if (edited != null) {
                    out.putNextEntry(entry(entry.getName(), edited, method));
                    out.write(edited);
                    out.closeEntry();
                }
            }
        }
        return target;
    }

    /** Copies a zip (stored entries) and appends one more stored entry. */
    static Path addEntry(Path source, Path target, String name, byte[] data) throws IOException {
        try (ZipFile in = new ZipFile(source.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream stream = in.getInputStream(entry)) {
                    bytes = stream.readAllBytes();
                }
                out.putNextEntry(entry(entry.getName(), bytes, ZipEntry.STORED));
                out.write(bytes);
                out.closeEntry();
            }
            out.putNextEntry(entry(name, data, ZipEntry.STORED));
            out.write(data);
            out.closeEntry();
        }
        return target;
    }

    private static ZipEntry entry(String name, byte[] data, int method) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        return entry;
    }
}
