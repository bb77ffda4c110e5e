package dev.vprompt.cli.engine;

import dev.vprompt.engine.canvas.Arrangement;
import dev.vprompt.engine.model.Precision;
import dev.vprompt.engine.score.ScoringMode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Case-insensitive picocli converters for the engine's enums, whose errors list the accepted values. Stateless;
 * thread-safe.
 */
public final class Converters {

    private Converters() {}

    /** {@code 2x2} or {@code 3x2}. */
    static final class LayoutConverter implements ITypeConverter<LayoutChoice> {
        @Override
        public LayoutChoice convert(String value) {
            try {
                return LayoutChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An {@link Arrangement} name, or {@code STANDARD}; dashes and case are ignored. */
    static final class ArrangementConverter implements ITypeConverter<Arrangement> {
        @Override
        public Arrangement convert(String value) {
            String v = normalise(value);
            if (v.equals("STANDARD")) {
                return Arrangement.STANDARD;
            }
            return find(Arrangement.class, v, "an arrangement", "STANDARD, ");
        }
    }

    /** {@code FP32}, {@code FP16} or {@code BF16}. */
    public static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            return find(Precision.class, normalise(value), "a precision", "");
        }
    }

    /** {@code official} or {@code exact}. */
    static final class ScoringConverter implements ITypeConverter<ScoringMode> {
        @Override
        public ScoringMode convert(String value) {
            return find(ScoringMode.class, normalise(value), "a scoring mode", "");
        }
    }

    /** A {@link ScoreTask} by its command-line name. */
    static final class TaskConverter implements ITypeConverter<ScoreTask> {
        @Override
        public ScoreTask convert(String value) {
            return find(ScoreTask.class, normalise(value), "a task", "");
        }
    }

    private static String normalise(String value) {
        return value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static <E extends Enum<E>> E find(Class<E> type, String name, String what, String extra) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        String expected = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        throw new TypeConversionException("'" + name.toLowerCase(Locale.ROOT) + "' is not " + what
                + " (expected one of " + extra.toLowerCase(Locale.ROOT) + expected + ")");
    }
}
