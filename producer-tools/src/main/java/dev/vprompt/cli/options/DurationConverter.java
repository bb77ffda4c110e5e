package dev.vprompt.cli.options;

import dev.vprompt.client.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * Converts {@link Duration} option values as users type them ({@code 250ms}, {@code 5s}, {@code 2m}, ISO-8601; see
 * {@link Durations#parse}). Registered on the root {@code vp} command, so every command's duration options accept them.
 *
 * <p>Thread-safe (stateless).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
