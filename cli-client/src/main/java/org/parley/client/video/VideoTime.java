package org.parley.client.video;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a video as people write it: {@code 90} (seconds, a fraction allowed: {@code 90.5}),
 * {@code 1:30} (m:ss) or {@code 1:02:03} (h:mm:ss); and back, for progress and lists.
 */
public final class VideoTime {

    private static final Pattern SECONDS = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,3}))?");
    private static final Pattern MINUTES = Pattern.compile("(\\d{1,7}):([0-5]\\d)");
    private static final Pattern HOURS = Pattern.compile("(\\d{1,5}):([0-5]\\d):([0-5]\\d)");

    private VideoTime() {
    }

    /** Milliseconds from the start for {@code text}; an {@link IllegalArgumentException} that says the forms otherwise. */
    public static long parse(String text) {
        String given = text == null ? "" : text.strip();
        Matcher m = SECONDS.matcher(given);
        if (m.matches()) {
            String fraction = m.group(2) == null ? "0" : (m.group(2) + "00").substring(0, 3);
            return Long.parseLong(m.group(1)) * 1000 + Long.parseLong(fraction);
        }
        m = MINUTES.matcher(given);
        if (m.matches()) {
            return (Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 1000;
        }
        m = HOURS.matcher(given);
        if (m.matches()) {
            return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3)))
                    * 1000;
        }
        throw new IllegalArgumentException("a time is seconds (90), m:ss (1:30) or h:mm:ss (1:02:03), not '" + text
                + "'");
    }

    /** {@code 1:30} under an hour, {@code 1:02:03} from one; whole seconds, rounded down. */
    public static String clock(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format("%d:%02d", minutes, seconds % 60);
    }
}
