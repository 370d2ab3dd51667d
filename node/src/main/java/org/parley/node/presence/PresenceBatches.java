package org.parley.node.presence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.parley.node.session.Session;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.PresenceNotice;

/**
 * Presence changes for each session, gathered. The first change for a session that has had none
 * lately goes at once, so a lone login is seen without delay; it opens a window of
 * {@link #WINDOW_MILLIS} during which further changes for that session wait, a user's later change
 * replacing an earlier one not yet sent, and go together in one frame when the window closes. A
 * window that closes with something to send opens the next; one that closes empty leaves the
 * session idle again. A session thus gets at most about ten presence frames a second however many
 * of the people it deals with log in at once (a node's restart, a network coming back), and a
 * window costs one timer only while changes keep coming. Safe from any thread.
 */
public final class PresenceBatches {

    /**
     * Long enough that a burst of logins costs a session a few frames, not one per login; short
     * enough that nobody notices the dot beside a name change late (a tenth of a second).
     */
    public static final long WINDOW_MILLIS = 100;

    /** When to look at a session's window again. */
    @FunctionalInterface
    public interface Timers {
        void after(long millis, Runnable action);
    }

    private final Timers timers;
    private final long windowMillis;
    /** Sessions with an open window -> what waits for its end, by user, in the order first changed. */
    private final Map<Session, Map<String, PresenceNotice.Entry>> open = new ConcurrentHashMap<>();
    /** The most changes one frame carries (each under 200 bytes: a frame stays under 400 KB). */
    static final int MAX_ENTRIES = 2_000;

    public PresenceBatches(Timers timers, long windowMillis) {
        this.timers = timers;
        this.windowMillis = windowMillis;
    }

    /**
     * A change of {@code change.user()} for {@code to}.
     *
     * @param single the change in the single form, encoded: shared by every session it goes to at once
     */
    public void offer(Session to, PresenceNotice.Entry change, Supplier<byte[]> single) {
        boolean[] idle = {false};
        open.compute(to, (session, waiting) -> {
            if (waiting == null) {
                idle[0] = true;
                return new LinkedHashMap<>();
            }
            waiting.put(change.user(), change);
            return waiting;
        });
        if (idle[0]) {
            to.deliver(single.get());
            timers.after(windowMillis, () -> windowEnds(to));
        }
    }

    private void windowEnds(Session to) {
        List<PresenceNotice.Entry> batch = new ArrayList<>();
        open.computeIfPresent(to, (session, waiting) -> {
            if (waiting.isEmpty()) {
                return null;
            }
            batch.addAll(waiting.values());
            waiting.clear();
            return waiting;
        });
        if (!batch.isEmpty()) {
            // a whole node going unreachable can change thousands at once: frames stay far below a
            // client's header limit
            for (int from = 0; from < batch.size(); from += MAX_ENTRIES) {
                to.deliver(FrameEncoder.server().encode(PresenceNotice.of(
                        batch.subList(from, Math.min(batch.size(), from + MAX_ENTRIES)))));
            }
            timers.after(windowMillis, () -> windowEnds(to));
        }
    }

    /** The session ended: what waited for it is dropped. */
    public void forget(Session session) {
        open.remove(session);
    }
}
