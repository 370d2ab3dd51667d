package org.parley.node.limits;

/**
 * How often something may happen: {@code perSecond} on average, {@code burst} at once.
 *
 * @param perSecond the refill rate; {@link Double#POSITIVE_INFINITY} for no limit
 */
public record Rate(double perSecond, int burst) {

    /** No limit at all. */
    public static final Rate UNLIMITED = new Rate(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

    public Rate {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("a rate needs a positive refill and a burst of at least 1");
        }
    }

    public static Rate perMinute(double count, int burst) {
        return new Rate(count / 60, burst);
    }

    public static Rate perHour(double count, int burst) {
        return new Rate(count / 3600, burst);
    }

    public boolean unlimited() {
        return Double.isInfinite(perSecond);
    }
}
