package org.parley.protocol.voice;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The UDP datagrams of voice between a client and its node (docs/PROTOCOL.md, "Voice"). A client
 * sends {@link Kind#KEEPALIVE} and {@link Kind#AUDIO} packets that start with the token its node
 * gave it in {@code voice-joined}; the node finds the sender by the token, latches the address the
 * packet came from, and relays the audio to the room's other participants without the token. The
 * audio itself ({@code sealed}) is sealed end to end by the speaker: the node only copies it.
 *
 * <pre>
 * client to node:  magic 0xB7 | kind u8 | token 16 | (audio:) ssrc u32 | seq u64 | sealed
 * node to client:  magic 0xB7 | kind u8 = audio     | ssrc u32 | seq u64 | sealed
 * </pre>
 *
 * @param token  the sender's token; null in a packet from the node
 * @param ssrc   the speaker's number in the room; 0 in a keepalive
 * @param seq    the speaker's packet number, from 0 up, one per 20 ms frame
 * @param sealed the speaker's sealed frame ({@code VoiceSeal}); empty in a keepalive
 */
public record VoicePacket(Kind kind, byte[] token, int ssrc, long seq, byte[] sealed) {

    public static final byte MAGIC = (byte) 0xB7;
    public static final int TOKEN_BYTES = 16;
    /** The largest datagram either side sends or takes: below any path's MTU. */
    public static final int MAX_BYTES = 1200;
    private static final int RELAYED_HEADER = 2 + 4 + 8;
    private static final int CLIENT_HEADER = 2 + TOKEN_BYTES;

    /** What a datagram is. */
    public enum Kind {
        /** A sealed audio frame. */
        AUDIO(1),
        /** Nothing but the token: opens and keeps the client's address at the node (NAT bindings). */
        KEEPALIVE(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        static Kind of(int code) {
            for (Kind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            return null;
        }
    }

    /** A client's keepalive. */
    public static byte[] keepalive(byte[] token) {
        return ByteBuffer.allocate(CLIENT_HEADER).put(MAGIC).put((byte) Kind.KEEPALIVE.code).put(checked(token)).array();
    }

    /** A client's audio packet. */
    public static byte[] fromClient(byte[] token, int ssrc, long seq, byte[] sealed) {
        return ByteBuffer.allocate(CLIENT_HEADER + 12 + sealed.length).put(MAGIC).put((byte) Kind.AUDIO.code)
                .put(checked(token)).putInt(ssrc).putLong(seq).put(sealed).array();
    }

    /** The packet a node sends a listener: the speaker's audio without the speaker's token. */
    public static byte[] toListener(int ssrc, long seq, byte[] sealed) {
        return ByteBuffer.allocate(RELAYED_HEADER + sealed.length).put(MAGIC).put((byte) Kind.AUDIO.code)
                .putInt(ssrc).putLong(seq).put(sealed).array();
    }

    /** Reads a datagram a client sent; empty for anything that is not one (to be dropped and counted). */
    public static Optional<VoicePacket> readFromClient(byte[] datagram) {
        if (datagram.length < CLIENT_HEADER || datagram.length > MAX_BYTES || datagram[0] != MAGIC) {
            return Optional.empty();
        }
        Kind kind = Kind.of(datagram[1]);
        ByteBuffer in = ByteBuffer.wrap(datagram, 2, datagram.length - 2);
        byte[] token = new byte[TOKEN_BYTES];
        in.get(token);
        if (kind == Kind.KEEPALIVE && !in.hasRemaining()) {
            return Optional.of(new VoicePacket(kind, token, 0, 0, new byte[0]));
        }
        if (kind != Kind.AUDIO || in.remaining() <= 12) {
            return Optional.empty();
        }
        int ssrc = in.getInt();
        long seq = in.getLong();
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return Optional.of(new VoicePacket(kind, token, ssrc, seq, sealed));
    }

    /** Reads a datagram a node sent a listener; empty for anything that is not one. */
    public static Optional<VoicePacket> readFromNode(byte[] datagram) {
        if (datagram.length <= RELAYED_HEADER || datagram.length > MAX_BYTES || datagram[0] != MAGIC
                || Kind.of(datagram[1]) != Kind.AUDIO) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 2, datagram.length - 2);
        int ssrc = in.getInt();
        long seq = in.getLong();
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return Optional.of(new VoicePacket(Kind.AUDIO, null, ssrc, seq, sealed));
    }

    private static byte[] checked(byte[] token) {
        if (token.length != TOKEN_BYTES) {
            throw new IllegalArgumentException("a voice token is " + TOKEN_BYTES + " bytes");
        }
        return token;
    }
}
