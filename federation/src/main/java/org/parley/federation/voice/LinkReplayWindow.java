package org.parley.federation.voice;

import org.parley.protocol.voice.ReplayWindow;

/**
 * The sequence numbers a voice path has taken from its peer: the speakers' {@link ReplayWindow},
 * {@value #SIZE} wide (a path carries every room's packets, so more of them may cross in flight),
 * taken from whichever event loop a datagram arrived on. Asked only after the datagram's tag checked
 * out, so a forgery cannot move the window. Numbers start at 1.
 */
final class LinkReplayWindow {

    static final int SIZE = 1024;

    private final ReplayWindow window = new ReplayWindow(SIZE);

    synchronized boolean take(long seq) {
        return seq > 0 && window.accept(seq);
    }
}
