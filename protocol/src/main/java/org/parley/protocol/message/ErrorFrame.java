package org.parley.protocol.message;

/**
 * Something went wrong. {@code ref} is the id of the request it answers, when there is one.
 * After a {@link ErrorCode#fatal() fatal} code the node closes the connection.
 *
 * @param retryAfterMillis with {@link ErrorCode#RATE_LIMITED} (and other refusals that pass): how
 *                         long to wait before trying again; null otherwise
 */
public record ErrorFrame(ErrorCode code, String message, String ref, Long retryAfterMillis) implements ServerMessage {

    public ErrorFrame(ErrorCode code, String message, String ref) {
        this(code, message, ref, null);
    }

    /** A refusal for going too fast: try again after {@code retryAfterMillis}. */
    public static ErrorFrame rateLimited(String message, String ref, long retryAfterMillis) {
        return new ErrorFrame(ErrorCode.RATE_LIMITED, message, ref, retryAfterMillis);
    }

    public static ErrorFrame of(ErrorCode code, String message) {
        return new ErrorFrame(code, message, null);
    }
}
