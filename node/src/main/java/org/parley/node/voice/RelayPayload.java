package org.parley.node.voice;

import java.nio.ByteBuffer;
import org.parley.federation.voice.VoiceLinks;

/**
 * What a datagram between two nodes carries ({@link VoiceLinks} seals it): one speaker's audio
 * packet, on its way to the room's home or from it. Rooms are numbered by their home; which way the
 * packet goes says whose numbering {@code room} is in.
 *
 * <pre>
 * u8 way (1: toward the home, 2: from the home) | u64 room | u32 ssrc | u64 seq | sealed
 * </pre>
 *
 * @param sealed the speaker's sealed frame, as the speaker's client sent it: never read, only copied
 */
record RelayPayload(Way way, long room, int ssrc, long seq, byte[] sealed) {

    private static final int HEADER = 1 + 8 + 4 + 8;

    /** Which way a packet between nodes goes. */
    enum Way {
        /** From a speaker's node to the room's home, which passes it on to every other node in the room. */
        TO_HOME,
        /** From the room's home to a node with listeners. */
        FROM_HOME
    }

    byte[] encode() {
        return ByteBuffer.allocate(HEADER + sealed.length).put((byte) (way == Way.TO_HOME ? 1 : 2)).putLong(room)
                .putInt(ssrc).putLong(seq).put(sealed).array();
    }

    /** The payload in {@code bytes}, or null if they are not one. */
    static RelayPayload read(byte[] bytes) {
        if (bytes.length <= HEADER || (bytes[0] != 1 && bytes[0] != 2)) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
        long room = in.getLong();
        int ssrc = in.getInt();
        long seq = in.getLong();
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return new RelayPayload(bytes[0] == 1 ? Way.TO_HOME : Way.FROM_HOME, room, ssrc, seq, sealed);
    }
}
