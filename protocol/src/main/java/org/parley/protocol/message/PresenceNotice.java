package org.parley.protocol.message;

import java.util.List;

/**
 * Presence news, in one of two forms. The single form names one user who came online
 * ({@code online}), went away ({@code away}) or left ({@code offline}); {@code reason} says why a
 * user left (for example {@code quit}, {@code connection lost}, {@code heartbeat timeout}). The
 * batched form leaves those null and carries several users' changes in {@code entries}, at most one
 * per user, each the latest the node knew when it sent the frame.
 *
 * @param entries null in the single form
 */
public record PresenceNotice(String user, Presence status, String reason, List<Entry> entries)
        implements ServerMessage {

    public PresenceNotice {
        entries = entries == null ? null : List.copyOf(entries);
    }

    /** The single form. */
    public PresenceNotice(String user, Presence status, String reason) {
        this(user, status, reason, null);
    }

    /** The batched form: one entry gives the single form, as a client that reads only that expects. */
    public static PresenceNotice of(List<Entry> changes) {
        if (changes.size() == 1) {
            Entry only = changes.get(0);
            return new PresenceNotice(only.user(), only.status(), only.reason());
        }
        return new PresenceNotice(null, null, null, changes);
    }

    /** What the frame says, in either form: one entry per user, in the order the node sent them. */
    public List<Entry> changes() {
        return entries != null ? entries : List.of(new Entry(user, status, reason));
    }

    /** One user's presence in a batched {@code presence} frame. */
    public record Entry(String user, Presence status, String reason) {
    }
}
