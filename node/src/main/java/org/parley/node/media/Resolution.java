package org.parley.node.media;

/**
 * A rendition's name: its picture height, spelled {@code 480p} as users and file names write it.
 */
public record Resolution(int height) implements Comparable<Resolution> {

    public Resolution {
        if (height < 16 || height > 8640) {
            throw new IllegalArgumentException("a resolution is a height from 16p to 8640p, not " + height + "p");
        }
    }

    /** The resolution {@code word} spells ({@code 480p}, case-insensitive); refuses anything else with why. */
    public static Resolution parse(String word) {
        if (word == null || !word.matches("(?i)[0-9]{2,4}p")) {
            throw new IllegalArgumentException("a resolution is written like 480p, not " + word);
        }
        return new Resolution(Integer.parseInt(word.substring(0, word.length() - 1)));
    }

    @Override
    public String toString() {
        return height + "p";
    }

    @Override
    public int compareTo(Resolution other) {
        return Integer.compare(height, other.height);
    }
}
