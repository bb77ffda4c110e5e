package dev.vprompt.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects what is wrong with a configuration so that it can be reported all at once, instead of one problem per
 * attempt: check every rule, then {@link #throwIfAny} with the module's own exception type.
 *
 * <pre>{@code
 * Problems p = new Problems();
 * p.requirePositive(maxBatchSize, "batch.maxBatchSize");
 * p.require(queueCapacity >= maxBatchSize, "batch.queueCapacity must be >= batch.maxBatchSize");
 * p.throwIfAny(InvalidConfigException::new);
 * }</pre>
 *
 * <p>Not thread-safe: one instance per validation, on one thread.
 */
public final class Problems {

    private final List<String> list = new ArrayList<>();

    /** Records {@code problem} unless {@code ok}. */
    public void require(boolean ok, String problem) {
        if (!ok) {
            list.add(problem);
        }
    }

    /** Records a problem found by the caller's own rule. */
    public void add(String problem) {
        list.add(problem);
    }

    /** Records all of {@code problems}, e.g. those of a nested part validated on its own. */
    public void addAll(List<String> problems) {
        list.addAll(problems);
    }

    /** Requires a value that is neither null nor blank: {@code "<name> is required"}. */
    public void requireText(String value, String name) {
        require(value != null && !value.isBlank(), name + " is required");
    }

    /** Requires {@code value > 0}: {@code "<name> must be positive, was <value>"}. */
    public void requirePositive(long value, String name) {
        require(value > 0, name + " must be positive, was " + value);
    }

    /** Requires a duration longer than zero (null is a problem too). */
    public void requirePositive(Duration value, String name) {
        require(
                value != null && !value.isNegative() && !value.isZero(),
                name + " must be a positive duration, was " + value);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** The problems found so far, in the order they were found. */
    public List<String> list() {
        return List.copyOf(list);
    }

    /**
     * Throws the exception {@code toException} makes of every problem found, if there is any.
     *
     * @param toException the caller's exception type, given the (non-empty) problems in the order found
     */
    public <E extends RuntimeException> void throwIfAny(Function<List<String>, E> toException) {
        if (!list.isEmpty()) {
            throw toException.apply(List.copyOf(list));
        }
    }
}
