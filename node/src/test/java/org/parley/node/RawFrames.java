package org.parley.node;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Hand-built frames, for sending what a well-behaved encoder never would.
 */
final class RawFrames {

    private RawFrames() {
    }

    static byte[] frame(String header, byte[] body) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + body.length)
                .putInt(4 + json.length + body.length) // length of what follows
                .putInt(json.length)                   // header length
                .put(json)
                .put(body)
                .array();
    }
}
