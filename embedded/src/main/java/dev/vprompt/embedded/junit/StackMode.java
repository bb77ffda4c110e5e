package dev.vprompt.embedded.junit;

import java.util.Locale;

/**
 * Which stack the tests want, from the system property {@value #PROPERTY}: {@code auto} (the default: containers when
 * Docker is available, else embedded), {@code embedded} or {@code testcontainers} (fails without Docker).
 */
enum StackMode {
    AUTO,
    EMBEDDED,
    TESTCONTAINERS;

    static final String PROPERTY = "vprompt.stack";

    static StackMode fromSystemProperty() {
        return parse(System.getProperty(PROPERTY));
    }

    static StackMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    PROPERTY + " must be auto, embedded or testcontainers, was '" + value + "'", e);
        }
    }
}
