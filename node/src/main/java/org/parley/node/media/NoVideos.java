package org.parley.node.media;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The library of a node that names no media folder: it serves nothing and never changes. */
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
