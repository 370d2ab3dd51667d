package org.parley.protocol.frame;


/**
 * One decoded frame: its typed header and its raw body (empty, never null, when absent).
 */
public record Frame<T>(T header, byte[] body) {

    static final byte[] NO_BODY = new byte[0];

    public Frame {
        body = body == null ? NO_BODY : body;
    }
}
