package org.parley.node.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.parley.node.video.SegmentOut;
import org.parley.protocol.message.ErrorCode;

/**
 * A segment as the answer to a player's HTTPS request: {@code video/mp2t}, chunked as its pieces come
 * (a segment of another node's video is not sized here before it arrives). A refusal before the first
 * byte is an HTTP status with the node's words; a break after it resets the response, so the player
 * never takes a cut segment for a whole one. On the request's context.
 */
final class HttpSegmentOut implements SegmentOut {

    private final HttpServerResponse response;
    private boolean begun;

    HttpSegmentOut(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public void begin() {
        begun = true;
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "video/mp2t");
        HlsRequests.privateHeaders(response);
    }

    @Override
    public Future<Void> write(byte[] bytes) {
        return response.write(Buffer.buffer(bytes));
    }

    @Override
    public void end() {
        response.end();
    }

    @Override
    public void failed(ErrorCode code, String why) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (begun) {
            response.reset();
        } else {
            HlsRequests.answer(response, status(code), why);
        }
    }

    /** The HTTP status that says what {@code code} says. */
    static int status(ErrorCode code) {
        return switch (code) {
            case UNKNOWN_VIDEO, UNKNOWN_RESOLUTION -> 404;
            case BAD_REQUEST -> 400;
            case TOO_MANY_STREAMS, RATE_LIMITED -> 429;
            case NODE_UNREACHABLE -> 502;
            default -> 500;
        };
    }

    @Override
    public void onGone(Runnable gone) {
        response.closeHandler(v -> {
            if (!response.ended()) {
                gone.run();
            }
        });
    }
}
