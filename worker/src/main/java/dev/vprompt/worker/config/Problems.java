package dev.vprompt.worker.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Collects validation problems so a config record can report all of them at once. Not thread-safe. */
final class Problems {

    private final List<String> list = new ArrayList<>();

    void require(boolean ok, String problem) {
        if (!ok) {
            list.add(problem);
        }
    }

    void requireText(String value, String name) {
        require(value != null && !value.isBlank(), name + " is required");
    }

    void requirePositive(long value, String name) {
        require(value > 0, name + " must be > 0, was " + value);
    }

    void requirePositive(Duration value, String name) {
        require(value != null && !value.isNegative() && !value.isZero(), name + " must be a positive duration");
    }

    void addAll(List<String> more) {
        list.addAll(more);
    }

    List<String> list() {
        return list;
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new InvalidConfigException(list);
        }
    }
}
