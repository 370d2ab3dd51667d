package org.parley.node.video;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.Set;
import org.parley.protocol.frame.WireJson;
import org.parley.protocol.message.ErrorCode;

/**
 * The holder's refusal of a watch request, the JSON body of a {@code video-reply}: the code and the
 * words the viewer is told.
 */
record WatchReply(ErrorCode code, String message) {

    /** The codes a holder may answer with: refusals that end the request and nothing else. */
    private static final Set<ErrorCode> ANSWERS = Set.of(ErrorCode.UNKNOWN_VIDEO, ErrorCode.UNKNOWN_RESOLUTION,
            ErrorCode.NODE_UNREACHABLE, ErrorCode.TOO_MANY_STREAMS, ErrorCode.BAD_REQUEST);
    private static final int MAX_MESSAGE = 500;

    byte[] encode() {
        try {
            return WireJson.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a watch refusal", e);
        }
    }

    /**
     * The refusal {@code body} holds, from node {@code holder}; one that is malformed, or whose code is
     * not a refusal a holder makes, reads as the holder failing to answer, so that a node can never
     * make a viewer's node send its client a fatal code.
     */
    static WatchReply decode(byte[] body, String holder) {
        WatchReply reply;
        try {
            reply = WireJson.mapper().readValue(body, WatchReply.class);
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || !ANSWERS.contains(reply.code()) || reply.message() == null) {
            return new WatchReply(ErrorCode.NODE_UNREACHABLE, "node " + holder + " did not answer as a node does");
        }
        String words = reply.message().length() > MAX_MESSAGE ? reply.message().substring(0, MAX_MESSAGE) + "..."
                : reply.message();
        return new WatchReply(reply.code(), words);
    }
}
