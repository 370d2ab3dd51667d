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
    private final Pace pace;
    private final boolean bar;

    public ProgressLine(String label, long total, long startBytes, long everyNanos) {
        this(label, total, startBytes, everyNanos, false);
    }

    /** @param bar with a bar of {@link #BAR_WIDTH} cells before the figures, for a terminal */
    public ProgressLine(String label, long total, long startBytes, long everyNanos, boolean bar) {
        this.bar = bar;
        this.label = label;
        this.total = total;
        this.startBytes = startBytes;
        this.startNanos = System.nanoTime();
        this.pace = new Pace(everyNanos);
    }

    /** The line for {@code done} bytes if one is due now (always at the end), else null. */
    public String update(long done) {
        long now = System.nanoTime();
        return pace.due(now, done >= total) ? text(done, now) : null;
    }

    String text(long done, long now) {
        double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
        double rate = (done - startBytes) / seconds;
        int percent = total == 0 ? 100 : (int) (100 * done / total);
        String left = rate <= 0 || done >= total ? "" : ", " + duration((total - done) / rate) + " left";
        String cells = bar ? " " + cells(percent) : "";
        return String.format("%s:%s %3d%%  %s of %s  %s/s%s", label, cells, percent, bytes(done), bytes(total),
                bytes((long) rate), left);
    }

    /** {@code [######..................]}: {@code percent} of {@link #BAR_WIDTH} cells full. */
    static String cells(int percent) {
        int full = (int) Math.min(BAR_WIDTH, (long) BAR_WIDTH * Math.max(0, percent) / 100);
        return "[" + "#".repeat(full) + ".".repeat(BAR_WIDTH - full) + "]";
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
