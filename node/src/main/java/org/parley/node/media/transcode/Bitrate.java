package org.parley.node.media.transcode;

import java.util.Locale;

/** Bits per second, as an operator writes them: {@code 2M}, {@code 800k} or {@code 800000}. */
public record Bitrate(long bitsPerSecond) {

    public Bitrate {
        if (bitsPerSecond < 10_000 || bitsPerSecond > 200_000_000) {
            throw new IllegalArgumentException("a bitrate is from 10k to 200M bits per second, not " + bitsPerSecond);
        }
    }

    public static Bitrate parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        long unit = word.endsWith("m") ? 1_000_000 : word.endsWith("k") ? 1_000 : 1;
        String number = unit == 1 ? word : word.substring(0, word.length() - 1);
        try {
            return new Bitrate(Math.round(Double.parseDouble(number) * unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bitrate is written like 2M, 800k or 800000, not '" + text + "'");
        }
    }

    /** What a picture of {@code width} by {@code height} gets at {@code frameRate} when told nothing: 0.1 bit a pixel. */
    public static Bitrate forPicture(int width, int height, double frameRate) {
        return new Bitrate(Math.max(10_000, Math.round(width * (double) height * frameRate * 0.1)));
    }

    @Override
    public String toString() {
        return bitsPerSecond >= 1_000_000 ? String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6)
                : bitsPerSecond / 1000 + " kbit/s";
    }
}
