package org.parley.bench;

/** Where a sender's frames come from: a template rewritten in place, or a message sealed each time. */
interface NextFrame {

    /** The next encoded {@code send} frame. The array may be reused: write it before calling again. */
    byte[] next();
}
