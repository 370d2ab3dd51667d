package org.parley.transport;

/** Input a message transport refused before any reader saw its bytes. */
public enum Unreadable {

    /** A WebSocket text message: frames travel only in binary messages. */
    TEXT_MESSAGE,

    /** A message larger than the transport's limit, dropped as it arrived. */
    OVERSIZED_MESSAGE
}
