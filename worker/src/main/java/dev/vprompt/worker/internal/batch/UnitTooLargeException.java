package dev.vprompt.worker.internal.batch;

/**
 * A unit holds more inputs than one batch may: it could never run. Jobs are checked against {@code maxBatchSize}
 * before any I/O, so this is a programming error when it happens.
 */
public final class UnitTooLargeException extends IllegalArgumentException {

    public UnitTooLargeException(int size, int maxBatchSize) {
        super("a unit of " + size + " inputs cannot run: batch.maxBatchSize is " + maxBatchSize);
    }
}
