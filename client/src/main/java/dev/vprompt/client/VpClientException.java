package dev.vprompt.client;

/**
 * A client operation failed for a reason the user can act on (unreachable Kafka or S3, a missing topic or bucket, a
 * missing file); the message is one line that says what and where, never a credential.
 */
public final class VpClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VpClientException(String message) {
        super(message);
    }

    public VpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
