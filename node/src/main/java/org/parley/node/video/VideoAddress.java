package org.parley.node.video;

import org.parley.node.media.VideoName;
import org.parley.protocol.identity.Name;

/**
 * A video as users name it, {@code name@node}: the video {@code name} of node {@code node}'s library.
 * Its name follows {@link VideoName}'s rule, so it can never name a path: no separator, no
 * {@code ..}, nothing absolute, nothing hidden.
 */
public record VideoAddress(String name, String node) {

    /** The rule for video names in words, quoted in refusals. */
    public static final String RULE = VideoName.RULE;

    public VideoAddress {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("'" + printable(name) + "' is not a video name (" + RULE + ")");
        }
        Name.require(node, "node name");
    }

    /** Whether {@code name} may name a video. */
    public static boolean isValidName(String name) {
        return VideoName.isValid(name);
    }

    /**
     * The address {@code text} spells: {@code name@node}, or {@code name} for a video of {@code here}.
     *
     * @throws IllegalArgumentException in words for the user, when it is no video address
     */
    public static VideoAddress parse(String text, String here) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("no video named: write name@node");
        }
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return new VideoAddress(text, here);
        }
        if (!Name.isValid(text.substring(at + 1))) {
            throw new IllegalArgumentException("'" + printable(text) + "' names no node after '@' (" + Name.RULE + ")");
        }
        return new VideoAddress(text.substring(0, at), text.substring(at + 1));
    }

    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    @Override
    public String toString() {
        return name + "@" + node;
    }
}
