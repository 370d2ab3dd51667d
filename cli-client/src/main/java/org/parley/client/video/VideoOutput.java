package org.parley.client.video;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * Where a watch writes its MPEG-TS: a file, standard output, or a player's standard input. Writes
 * whole segments and flushes each, so what is out there always ends on a segment's end. Blocking:
 * used on the watch's own worker thread, never on an event loop.
 */
final class VideoOutput {

    private final OutputStream stream;
    private final String where;
    /** The player reading the stream, or null. */
    private final Process player;
    private final boolean closeStream;

    private VideoOutput(OutputStream stream, String where, Process player, boolean closeStream) {
        this.stream = stream;
        this.where = where;
        this.player = player;
        this.closeStream = closeStream;
    }

    static VideoOutput file(OutputStream stream, String where) {
        return new VideoOutput(stream, where, null, true);
    }

    /** Standard output: flushed, never closed (the process may print after). */
    static VideoOutput standardOutput(OutputStream stream) {
        return new VideoOutput(stream, "standard output", null, false);
    }

    static VideoOutput player(Process player, String where) {
        return new VideoOutput(player.getOutputStream(), where, player, true);
    }

    /** For people: the file's path, "standard output", or the player. */
    String where() {
        return where;
    }

    void write(Segment segment) throws IOException {
        try {
            for (byte[] piece : segment.pieces()) {
                stream.write(piece);
            }
            stream.flush();
        } catch (IOException e) {
            if (player != null) {
                throw new PlayerClosedException("the player (" + where + ") closed");
            }
            throw new IOException("cannot write " + where + ": " + e.getMessage(), e);
        }
    }

    /** Ends the output; a player is given the end of the stream and waited for, to play what it has. */
    void close() throws IOException, InterruptedException {
        if (!closeStream) {
            stream.flush();
            return;
        }
        try {
            stream.close();
        } catch (IOException e) {
            if (player == null) {
                throw new IOException("cannot write " + where + ": " + e.getMessage(), e);
            }
        }
        if (player != null) {
            player.waitFor(Long.MAX_VALUE, TimeUnit.DAYS);
        }
    }

    /** Stops at once: a player is ended rather than waited for. */
    void abandon() {
        if (player != null) {
            player.destroy();
        }
    }
}
