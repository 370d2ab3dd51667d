package org.parley.federation.voice;

/** Why a datagram on the voice port that claimed to come from a linked node was dropped. */
public enum DatagramDrop {
    /** Too short or too long to be a node's datagram. */
    MALFORMED,
    /** Its number names no voice path of this node: a link that has ended, or a guess. */
    UNKNOWN_PATH,
    /** Its tag is not the one the path's key makes: forged or altered on the way. */
    BAD_TAG,
    /** Authentic, but its sequence number was taken before or is too old: a replay. */
    REPLAYED
}
