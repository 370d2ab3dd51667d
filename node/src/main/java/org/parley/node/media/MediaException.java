package org.parley.node.media;

import org.bytedeco.ffmpeg.global.avutil;

/** A media file that cannot be read, rewrapped or written, with why in words for the operator. */
public final class MediaException extends Exception {

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Fails with {@code what} and FFmpeg's words for {@code code} when it is an error (negative). */
    public static int check(int code, String what) throws MediaException {
        if (code < 0) {
            throw new MediaException(what + ": " + describe(code));
        }
        return code;
    }

    /** FFmpeg's words for an error code. */
    public static String describe(int code) {
        byte[] text = new byte[256];
        avutil.av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }
}
