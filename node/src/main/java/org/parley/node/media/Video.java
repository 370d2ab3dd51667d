package org.parley.node.media;

import java.util.List;
import java.util.Optional;

/**
 * A video of this node's library: a name and its renditions, lowest resolution first.
 *
 * @param aligned whether every rendition was cut at the same keyframes (same count, same start
 *                times), which the mixed mode needs
 */
public record Video(String name, List<Rendition> renditions, boolean aligned) {

    public Video {
        renditions = List.copyOf(renditions);
    }

    /** The rendition of {@code resolution}, if the video has one. */
    public Optional<Rendition> rendition(Resolution resolution) {
        return renditions.stream().filter(r -> r.resolution().equals(resolution)).findFirst();
    }

    /** The highest resolution: what a viewer gets who names none. */
    public Rendition highest() {
        return renditions.get(renditions.size() - 1);
    }
}
