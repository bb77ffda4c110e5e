package dev.vprompt.engine.retrieval;

/** Bytes that are not a readable example-pool head or index. */
public final class PoolFormatException extends RuntimeException {

    public PoolFormatException(String message) {
        super(message);
    }

    public PoolFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
