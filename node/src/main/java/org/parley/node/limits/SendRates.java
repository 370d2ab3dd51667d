package org.parley.node.limits;

import java.util.function.Supplier;

/**
 * How fast each user may send: direct messages (file pieces among them: the node cannot tell them
 * apart, they are sealed), broadcasts and group posts, each with its own bucket per user, shared by
 * all of the user's sessions.
 */
public final class SendRates {

    /** What a user sends, as far as the node's limits go. */
    public enum Kind { MESSAGE, BROADCAST, GROUP_POST }

    private final KeyedBuckets messages;
    private final KeyedBuckets broadcasts;
    private final KeyedBuckets groupPosts;

    public SendRates(Limits limits) {
        this(new LiveLimits(limits));
    }

    /** Rates as {@code limits} holds them at each send. */
    public SendRates(Supplier<Limits> limits) {
        this.messages = new KeyedBuckets(() -> limits.get().messages());
        this.broadcasts = new KeyedBuckets(() -> limits.get().broadcasts());
        this.groupPosts = new KeyedBuckets(() -> limits.get().groupPosts());
    }

    /** 0 if {@code user} may send one more of {@code kind} now, else the milliseconds until they may. */
    public long take(String user, Kind kind) {
        return switch (kind) {
            case MESSAGE -> messages.take(user);
            case BROADCAST -> broadcasts.take(user);
            case GROUP_POST -> groupPosts.take(user);
        };
    }

    /** How {@code kind} is limited, in words for a refusal. */
    public String describe(Kind kind) {
        Rate rate = switch (kind) {
            case MESSAGE -> messages.rate();
            case BROADCAST -> broadcasts.rate();
            case GROUP_POST -> groupPosts.rate();
        };
        String what = switch (kind) {
            case MESSAGE -> "messages";
            case BROADCAST -> "broadcasts";
            case GROUP_POST -> "group posts";
        };
        return rate.perSecond() >= 1 ? Math.round(rate.perSecond()) + " " + what + " a second"
                : Math.round(rate.perSecond() * 60) + " " + what + " a minute";
    }
}
