package org.parley.node.video;

import org.parley.protocol.message.ErrorCode;

/**
 * Where a watched stream goes on this node: a client's connection ({@link Viewing}, the whole video
 * as {@code video-data} frames) or a web player's HTTPS request ({@link SegmentFetch}, one segment as
 * a response body). The {@link WatchDesk} serves either from this node's library or asks the holder,
 * and the upstream hands each either the same pieces; each passes a piece back to its upstream once
 * its own way out took it, so a slow client or a slow browser holds up only its own stream. Called on
 * the sink's own context, which {@link #onContext} reaches from any thread.
 */
interface StreamSink {

    /** Runs {@code task} on this sink's context, from any thread. */
    void onContext(Runnable task);

    /** While asking: what ends the asking when the sink ends first (a timer, the pending request). */
    void whileAsking(Runnable stop);

    /** The stream began: pieces may come from {@code source}. */
    void attach(Upstream source, StreamOpening opening);

    /** A piece arrived. */
    void take(Piece piece);

    /** The upstream has nothing more: {@code clean} if it sent all it meant to, else {@code why} it stopped. */
    void upstreamEnded(boolean clean, String why);

    /** The holder refused, or could not be asked. */
    void refused(ErrorCode code, String message);

    /** Who watches, for the log. */
    String describe();

    VideoAddress video();

    WatchOptions options();

    /** The viewer's address, {@code name@node}. */
    String user();
}
