package dev.vprompt.cli.engine;

import dev.vprompt.engine.canvas.Canvas;
import dev.vprompt.engine.image.ImageDecodeException;
import dev.vprompt.engine.image.ImageDecoder;
import dev.vprompt.engine.image.PngCodec;
import dev.vprompt.engine.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads images named on the command line and writes PNGs, turning every failure into a {@link CliFailure} that names
 * the option and the file.
 *
 * <p>Thread-safe: stateless (the decoder is immutable).
 */
public final class ImageFiles {

    private static final ImageDecoder DECODER = new ImageDecoder();

    private ImageFiles() {}

    /**
     * Decodes a photo (Pillow {@code convert('RGB')}) or a mask (Pillow {@code convert('L')}, replicated to three
     * channels).
     *
     * @param option the option that named the file, for the error message (e.g. {@code --query})
     */
    static RgbImage read(Path file, String option, boolean mask) {
        byte[] bytes = readBytes(file, option);
        try {
            return mask ? DECODER.decodeMask(bytes) : DECODER.decode(bytes);
        } catch (ImageDecodeException e) {
            throw new CliFailure(option + " " + file + ": not a usable image (" + e.getMessage() + ")", e);
        }
    }

    /** Decodes a 224x224 canvas PNG/JPEG as RGB. */
    public static RgbImage readCanvas(Path file, String option) {
        RgbImage image = read(file, option, false);
        if (image.width() != Canvas.SIZE || image.height() != Canvas.SIZE) {
            throw new CliFailure(option + " " + file + ": image is " + image.width() + "x" + image.height()
                    + ", a canvas must be " + Canvas.SIZE + "x" + Canvas.SIZE + " (build one with 'vp canvas')");
        }
        return image;
    }

    /** The bytes of an input file, with a clear message when it is missing or unreadable. */
    static byte[] readBytes(Path file, String option) {
        requireRegularFile(file, option);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure(option + " " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Fails with a clear message unless {@code file} is an existing regular file. */
    static void requireRegularFile(Path file, String option) {
        if (!Files.exists(file)) {
            throw new CliFailure(option + " " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new CliFailure(option + " " + file + ": not a regular file");
        }
    }

    /** Writes {@code image} as an 8-bit RGB PNG, creating missing parent folders. */
    static void writePng(RgbImage image, Path file) {
        write(PngCodec.encode(image), file);
    }

    /** Writes {@code bytes} to {@code file}, creating missing parent folders. */
    static void write(byte[] bytes, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + " (" + e + ")", e);
        }
    }
}
