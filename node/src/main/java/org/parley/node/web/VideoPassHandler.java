package org.parley.node.web;

import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.VideoPass;
import org.parley.protocol.message.VideoPassRequest;

/** Answers {@code video-pass}: a pass to the video endpoints for the connection's user. */
public final class VideoPassHandler implements FrameHandler<VideoPassRequest> {

    private final VideoPasses passes;

    public VideoPassHandler(VideoPasses passes) {
        this.passes = passes;
    }

    @Override
    public void handle(ClientConnection connection, VideoPassRequest request, byte[] body) {
        if (request.id() == null || request.id().isEmpty() || request.id().length() > 64) {
            connection.fail(ErrorCode.BAD_REQUEST, "a video-pass request needs an id of 1 to 64 characters", null);
            return;
        }
        VideoPasses.Issued issued = passes.issue(connection.user().name());
        connection.send(new VideoPass(request.id(), issued.pass(), issued.expiresMillis()));
    }
}
