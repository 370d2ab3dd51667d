package org.parley.protocol.identity;

/**
 * The naming rule shared by users and nodes: 1 to 32 characters of lower-case letters, digits,
 * {@code _}, {@code .} and {@code -}. Kept narrow so that names are safe in file paths, logs and
 * addresses like {@code alice@node-a}.
 */
public final class Name {

    /** The rule in words, quoted in every refusal. */
    public static final String RULE = "1 to 32 characters: lower-case letters, digits, '_', '.' or '-'";

    private static final int MAX_LENGTH = 32;

    private Name() {
    }

    /** Checked on every routed message, so a plain loop rather than a regex. */
    public static boolean isValid(String candidate) {
        return candidate != null && isValid(candidate, 0, candidate.length());
    }

    /** Whether {@code text} from {@code start} up to {@code end} follows the rule (a name inside an address). */
    public static boolean isValid(String text, int start, int end) {
        if (end <= start || end - start > MAX_LENGTH) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code candidate} if it follows the rule.
     *
     * @param what what is being named ("user name", "node name"), for the message
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static String require(String candidate, String what) {
        if (!isValid(candidate)) {
            throw new IllegalArgumentException("invalid " + what + " '" + printable(candidate) + "': " + RULE);
        }
        return candidate;
    }

    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
