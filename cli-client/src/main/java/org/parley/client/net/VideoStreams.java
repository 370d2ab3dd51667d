package org.parley.client.net;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.Watching;

/**
 * The video streams open on one connection, by the id of the {@code watch} that started each: the
 * node's {@code watching}, {@code video-data} and {@code video-end} frames carry that id and go to
 * its listener. A stream leaves the table at its end, or when the watch is refused (an error naming
 * it after it began ends it too); frames for a stream not in the table (one already ended) are let
 * go.
 */
final class VideoStreams {

    private final Map<String, VideoStreamListener> open = new ConcurrentHashMap<>();

    /** Listens for stream {@code id}, from before its {@code watch} leaves. */
    void open(String id, VideoStreamListener listener) {
        open.put(id, listener);
    }

    /** The watch was refused or went unanswered: nothing of it is wanted any more. */
    void forget(String id) {
        open.remove(id);
    }

    void started(Watching watching) {
        VideoStreamListener listener = open.get(watching.id());
        if (listener != null) {
            listener.started(watching);
        }
    }

    void piece(Frame<ServerMessage> frame) {
        VideoData piece = (VideoData) frame.header();
        VideoStreamListener listener = open.get(piece.id());
        if (listener != null) {
            listener.piece(piece, frame.body());
        }
    }

    void ended(VideoEnd end) {
        VideoStreamListener listener = open.remove(end.id());
        if (listener != null) {
            listener.ended(end);
        }
    }

    /**
     * An error naming a stream already under way: the node gave up on it without its
     * {@code video-end}. It ends as cut, with the error as the reason, so its watch resumes rather
     * than waits for what will not come.
     */
    void refused(ErrorFrame error) {
        VideoStreamListener listener = error.ref() == null ? null : open.remove(error.ref());
        if (listener != null) {
            listener.ended(new VideoEnd(error.ref(), false, -1, error.message() + " (" + error.code() + ")"));
        }
    }

    /** The connection ended: every stream still open hears why. */
    void close(ConnectionClosedException why) {
        for (String id : open.keySet()) {
            VideoStreamListener listener = open.remove(id);
            if (listener != null) {
                listener.lost(why);
            }
        }
    }
}
