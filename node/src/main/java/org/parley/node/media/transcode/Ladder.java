package org.parley.node.media.transcode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.parley.node.media.Resolution;

/**
 * The resolutions an import makes of one source, lowest first, each at most the source's height
 * (an import never enlarges a picture).
 */
public record Ladder(List<Resolution> rungs) {

    /** What an import makes when told nothing: those of these at or below the source's height. */
    public static final Ladder DEFAULT = parse("240p,480p,720p");

    public Ladder {
        rungs = List.copyOf(new TreeSet<>(rungs));
        if (rungs.isEmpty()) {
            throw new IllegalArgumentException("a ladder names at least one resolution, like 240p,480p,720p");
        }
    }

    /** The ladder {@code text} spells ({@code 240p,480p,720p}); refuses anything else with why. */
    public static Ladder parse(String text) {
        List<Resolution> rungs = new ArrayList<>();
        for (String word : text.split(",", -1)) {
            try {
                rungs.add(Resolution.parse(word.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad ladder '" + text + "': " + e.getMessage()
                        + " (a ladder is resolutions separated by commas, like 240p,480p,720p)");
            }
            if (rungs.get(rungs.size() - 1).height() % 2 != 0) {
                throw new IllegalArgumentException("bad ladder '" + text + "': " + word.strip()
                        + " is odd; H.264 pictures have even heights");
            }
        }
        return new Ladder(rungs);
    }

    public Resolution highest() {
        return rungs.get(rungs.size() - 1);
    }

    /**
     * This ladder for a source {@code height} pixels high; refuses a rung above it.
     */
    public Ladder forSource(int height) {
        List<Resolution> above = rungs.stream().filter(r -> r.height() > height).toList();
        if (!above.isEmpty()) {
            throw new IllegalArgumentException("the source is " + height + " pixels high, so " + above
                    + " would only be enlarged; name resolutions up to " + height + "p");
        }
        return this;
    }

    /** The default ladder cut to a source {@code height} pixels high (its own height if all rungs are above it). */
    public static Ladder defaultFor(int height) {
        List<Resolution> fitting = DEFAULT.rungs.stream().filter(r -> r.height() <= height).toList();
        return new Ladder(fitting.isEmpty() ? List.of(new Resolution(Math.max(16, height - height % 2))) : fitting);
    }
}
