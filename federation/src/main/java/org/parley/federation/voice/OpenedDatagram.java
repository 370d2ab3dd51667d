package org.parley.federation.voice;

/** What {@link VoiceLinks#open} made of a datagram from another node. */
public sealed interface OpenedDatagram {

    /**
     * It came from {@code node}, unaltered and for the first time.
     *
     * @param generation the voice path's generation ({@link VoiceLinks#generation})
     * @param payload    what the node sealed
     */
    record Authentic(String node, long generation, byte[] payload) implements OpenedDatagram {
    }

    /** It was dropped, for {@code why}. */
    record Dropped(DatagramDrop why) implements OpenedDatagram {
    }
}
