package org.parley.transport;

/** How a {@link Transport} cuts what arrives, and so how a reader must find frames in it. */
public enum Framing {

    /** A byte stream (TCP): reads are chunks of any size; frames are found by their length prefix. */
    STREAM,

    /** Whole messages (WebSocket binary messages): each read is one message, which holds exactly one frame. */
    MESSAGES
}
