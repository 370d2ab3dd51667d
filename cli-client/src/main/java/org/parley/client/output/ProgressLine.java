package org.parley.client.output;

/**
 * A transfer's progress as one line: percentage, bytes, rate and time left, from the bytes done so
 * far and when it started. Says at most every {@code everyNanos} whether a new line is due, so a
 * fast transfer does not flood the terminal.
 */
public final class ProgressLine {

    static final int BAR_WIDTH = 24;

    private final String label;
    private final long total;
    private final long startNanos;
    private final long startBytes;
    private final long everyNanos;
    private final boolean bar;
    private long lastShown;

    public ProgressLine(String label, long total, long startBytes, long everyNanos) {
        this(label, total, startBytes, everyNanos, false);
    }

    /** @param bar with a bar of {@link #BAR_WIDTH} cells before the figures, for a terminal */
    public ProgressLine(String label, long total, long startBytes, long everyNanos, boolean bar) {
        this.bar = bar;
        this.label = label;
        this.total = total;
        this.startBytes = startBytes;
        this.everyNanos = everyNanos;
        this.startNanos = System.nanoTime();
        this.lastShown = startNanos;
    }

    /** The line for {@code done} bytes if one is due now (always at the end), else null. */
    public synchronized String update(long done) {
        long now = System.nanoTime();
        if (done < total && now - lastShown < everyNanos) {
            return null;
        }
        lastShown = now;
        return text(done, now);
    }

    String text(long done, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (done - startBytes) / seconds;
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        String left = rate <= 0 || done >= total ? "" : ", " + duration((total - done) / rate) + " left";
        String cells = "";
        if (bar) {
            int full = (int) Math.min(BAR_WIDTH, (long) BAR_WIDTH * Math.max(0, percent) / 100);
            cells = " [" + "#".repeat(full) + ".".repeat(BAR_WIDTH - full) + "]";
        }
        return String.format("%s:%s %3d%%  %s of %s  %s/s%s", label, cells, percent, bytes(done), bytes(total),
                bytes((long) rate), left);
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}
