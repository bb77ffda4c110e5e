package dev.vprompt.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vprompt.engine.io.NpyArray;
import dev.vprompt.engine.io.NpyReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The images and Pillow results written by src/test/python/make_decode_refs.py. */
final class DecodeReferences {

    private DecodeReferences() {}

    static Path dir() {
        try {
            return Path.of(DecodeReferences.class.getResource("/decode").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the images that have Pillow references, e.g. {@code rgb16.png}. */
    static Stream<String> referenceImages() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".png") || n.endsWith(".jpg"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static byte[] bytes(String file) throws IOException {
        return Files.readAllBytes(dir().resolve(file));
    }

    /** Pillow's {@code convert('RGB')} of {@code image}, as HWC bytes. */
    static byte[] expectedRgb(String image) throws IOException {
        NpyArray a = NpyReader.read(dir().resolve(stem(image) + ".rgb.npy"));
        assertThat(a.shape()).hasSize(3);
        return a.toByteArray();
    }

    /** Pillow's {@code convert('L')} of {@code image} replicated to three channels, as HWC bytes. */
    static byte[] expectedMask(String image) throws IOException {
        byte[] l = NpyReader.read(dir().resolve(stem(image) + ".l.npy")).toByteArray();
        byte[] rgb = new byte[3 * l.length];
        for (int i = 0; i < l.length; i++) {
            rgb[3 * i] = l[i];
            rgb[3 * i + 1] = l[i];
            rgb[3 * i + 2] = l[i];
        }
        return rgb;
    }

    private static String stem(String file) {
        return file.substring(0, file.lastIndexOf('.'));
    }
}
