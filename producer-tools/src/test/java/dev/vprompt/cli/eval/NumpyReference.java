package dev.vprompt.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The draws numpy's legacy generator made, written by {@code src/test/python/numpy_legacy_reference.py}. */
final class NumpyReference {

    private NumpyReference() {}

    static JsonNode load() {
        try (InputStream in = NumpyReference.class.getResourceAsStream("/eval/numpy_legacy_reference.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
