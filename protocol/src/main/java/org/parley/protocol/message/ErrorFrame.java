package org.parley.protocol.message;

/**
 * Something went wrong. {@code ref} is the id of the request it answers, when there is one.
 * After a {@link ErrorCode#fatal() fatal} code the node closes the connection.
 */
public record ErrorFrame(ErrorCode code, String message, String ref) implements ServerMessage {

    public static ErrorFrame of(ErrorCode code, String message) {
        return new ErrorFrame(code, message, null);
    }
}
