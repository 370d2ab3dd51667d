package org.parley.protocol.message;

/**
 * A kind or status that travels as a word on the wire ({@code "delivered"}, {@code "hand-over"}):
 * code holds the enum constant, so the compiler checks every switch over it, and only the codec sees
 * the word.
 */
public interface Spelled {

    /** How the wire spells it. */
    String word();

    /** The constant spelled {@code word}, or null for a word this version does not know (or null). */
    static <E extends Enum<E> & Spelled> E find(E[] values, String word) {
        for (E value : values) {
            if (value.word().equals(word)) {
                return value;
            }
        }
        return null;
    }

    /** Every word of {@code values}, for messages that list what is allowed. */
    static String words(Spelled[] values) {
        StringBuilder words = new StringBuilder();
        for (Spelled value : values) {
            words.append(words.length() == 0 ? "" : ", ").append(value.word());
        }
        return words.toString();
    }
}
