package org.parley.node.limits;

/**
 * What a node lets one user, one address and everyone together do, from the {@code limits} object of
 * its config (see README, "Limits"). Past a rate, the request is refused with {@code RATE_LIMITED}
 * and a retry-after; past a cap on connections, the connection is refused.
 *
 * @param messages                 direct messages (and file pieces) one user may send
 * @param broadcasts               messages to everyone one user may send
 * @param groupPosts               posts to groups one user may send
 * @param connections              new connections from one address
 * @param registrations            new accounts from one address
 * @param logins                   login attempts from one address
 * @param maxConnectionsPerAddress connections open at once from one address
 * @param maxPendingLogins         connections open at once, node-wide, that have not logged in yet
 * @param failedLoginsBeforeDelay  failed logins of one account before each further attempt waits
 *                                 (1 s, doubling to 5 minutes, reset by a success)
 * @param maxPasswordHashesWaiting password hashes (Argon2id, 64 MiB each while they run) that may
 *                                 wait for a worker; a login past that is refused as the node being busy
 */
public record Limits(Rate messages, Rate broadcasts, Rate groupPosts, Rate connections, Rate registrations,
                     Rate logins, int maxConnectionsPerAddress, int maxPendingLogins, int failedLoginsBeforeDelay,
                     int maxPasswordHashesWaiting) {

    /** The defaults: generous for people and scripts, tight for floods. */
    public static final Limits DEFAULTS = new Limits(new Rate(200, 400), Rate.perMinute(10, 5), new Rate(20, 40),
            Rate.perMinute(120, 60), Rate.perHour(20, 5), Rate.perMinute(60, 30), 256, 1024, 5, 64);

    /** No limits (a benchmark's node, say). */
    public static final Limits NONE = new Limits(Rate.UNLIMITED, Rate.UNLIMITED, Rate.UNLIMITED, Rate.UNLIMITED,
            Rate.UNLIMITED, Rate.UNLIMITED, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
}
