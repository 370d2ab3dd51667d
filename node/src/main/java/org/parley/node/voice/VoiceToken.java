package org.parley.node.voice;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import org.parley.protocol.voice.VoicePacket;

/**
 * The secret a session's datagrams start with, made fresh at every join (16 random bytes): what tells
 * the node whose a datagram is. It never leaves this node and the session's client; held as two longs
 * so that looking one up makes nothing.
 */
record VoiceToken(long high, long low) {

    static VoiceToken random(SecureRandom random) {
        return new VoiceToken(random.nextLong(), random.nextLong());
    }

    /** The token a datagram carries from {@code offset}. */
    static VoiceToken read(byte[] bytes, int offset) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, VoicePacket.TOKEN_BYTES);
        return new VoiceToken(in.getLong(), in.getLong());
    }

    /** As {@code voice-joined} gives it: base64 of its 16 bytes. */
    String encoded() {
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(VoicePacket.TOKEN_BYTES).putLong(high)
                .putLong(low).array());
    }

    /** Never printed: a log line must not hand anyone a session's token. */
    @Override
    public String toString() {
        return "VoiceToken[hidden]";
    }
}
