package org.parley.node.video;

/**
 * Where a viewer's pieces come from: this node's library, read here, or a stream from the node that
 * holds the video. Called on the viewer's connection context.
 */
interface Upstream {

    /** Pieces may come now. */
    void start();

    /** The client's connection took {@code piece}: the upstream may send (or read) as much again. */
    void passed(Piece piece);

    /** The viewer stopped, or left: nothing more is wanted, and what is held is let go. */
    void stop(String why);
}
