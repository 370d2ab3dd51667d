package org.parley.node.media;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The videos this node serves, as its last scan of the media folder found them, ready to stream:
 * each rendition probed and cut into MPEG-TS segments in the data folder. Scans run on a worker;
 * these methods only read the last result and may be called from any thread.
 */
public interface VideoLibrary extends AutoCloseable {

    /** Every video ready to stream, by name. */
    List<Video> videos();

    /** The video named {@code name}; empty for an unknown name or one that is not a valid video name. */
    Optional<Video> video(String name);

    /** Hears the whole list again after each scan that changed it (on a worker or the node's context). */
    void changed(Consumer<List<Video>> listener);

    /** Stops watching for changes; what was read stays readable. */
    @Override
    default void close() {
    }
}
