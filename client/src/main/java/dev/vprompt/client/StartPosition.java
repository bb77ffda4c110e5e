package dev.vprompt.client;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a {@link CompletionWatcher} starts reading: at the end (only events produced after it opened), at the
 * beginning of the topic, or at the first event at or after a time.
 *
 * @param kind which of the three
 * @param since the time for {@link Kind#TIME}, otherwise null
 */
public record StartPosition(Kind kind, Instant since) {

    /** The three kinds of start. */
    public enum Kind {
        END,
        BEGINNING,
        TIME
    }

    public StartPosition {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TIME) != (since != null)) {
            throw new IllegalArgumentException("a TIME start needs a time, the others none");
        }
    }

    /** Only events produced after the watcher opened: open it before submitting, so nothing is missed. */
    public static StartPosition end() {
        return new StartPosition(Kind.END, null);
    }

    /** Every event still in the topic. */
    public static StartPosition beginning() {
        return new StartPosition(Kind.BEGINNING, null);
    }

    /** Events with a timestamp at or after {@code since}. */
    public static StartPosition since(Instant since) {
        return new StartPosition(Kind.TIME, since);
    }
}
