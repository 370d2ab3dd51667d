package org.parley.client.net;

/**
 * Backpressure on what arrives: counts the bytes of arrived messages still being handled (a file's
 * chunks on a slow disk) and stops reading from the node above a high mark, going on below a low
 * one. The node then holds the rest in the user's mailbox instead of this process in memory.
 */
public final class ReadingBacklog {

    private final Runnable pause;
    private final Runnable resume;
    private final long high;
    private final long low;
    /** Guarded by this. */
    private long bytes;
    private boolean paused;

    /** Pauses and resumes {@code session}'s reading. */
    public ReadingBacklog(NodeSession session, long high, long low) {
        this(session::pauseReading, session::resumeReading, high, low);
    }

    /** Runs {@code pause} and {@code resume}: for a reader whose connection may change (a watch that resumes on a new one). */
    public ReadingBacklog(Runnable pause, Runnable resume, long high, long low) {
        if (low > high) {
            throw new IllegalArgumentException("the low mark " + low + " is above the high mark " + high);
        }
        this.pause = pause;
        this.resume = resume;
        this.high = high;
        this.low = low;
    }

    /** {@code length} bytes arrived and wait to be handled. */
    public synchronized void arrived(long length) {
        bytes += length;
        if (!paused && bytes > high) {
            paused = true;
            pause.run();
        }
    }

    /** Whether reading is paused now: a new connection taking over must be paused too. */
    public synchronized boolean paused() {
        return paused;
    }

    /** {@code length} bytes that {@link #arrived} are handled. */
    public synchronized void handled(long length) {
        bytes -= length;
        if (paused && bytes < low) {
            paused = false;
            resume.run();
        }
    }
}
