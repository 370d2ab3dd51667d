package org.parley.node.media;

import org.parley.protocol.identity.Name;

/**
 * The rule for a video's name: a user name's rule ({@value Name#RULE}), and not beginning with a
 * dot, so that a name can never be {@code .} or {@code ..} nor hide as a dot-file. Names become
 * folder names in the cache, so this rule is what keeps a request inside the library.
 */
public final class VideoName {

    /** The rule in words, for refusals. */
    public static final String RULE = Name.RULE + ", not beginning with '.'";

    private VideoName() {
    }

    public static boolean isValid(String candidate) {
        return Name.isValid(candidate) && candidate.charAt(0) != '.';
    }

    /** Returns {@code candidate} if it is a valid video name; refuses it with the rule otherwise. */
    public static String require(String candidate) {
        if (!isValid(candidate)) {
            throw new IllegalArgumentException("'" + candidate + "' is not a video name: " + RULE);
        }
        return candidate;
    }
}
