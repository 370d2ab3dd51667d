package org.parley.node.video;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.node.media.Video;
import org.parley.node.media.VideoLibrary;

/** The library of a node that keeps no videos (no media folder): it still lists and relays others'. */
public final class NoVideos implements VideoLibrary {

    @Override
    public List<Video> videos() {
        return List.of();
    }

    @Override
    public Optional<Video> video(String name) {
        return Optional.empty();
    }

    @Override
    public void changed(Consumer<List<Video>> listener) {
        // Nothing ever changes.
    }
}
