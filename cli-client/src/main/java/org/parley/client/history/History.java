package org.parley.client.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.parley.client.home.SealedLog;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;

/**
 * This user's conversations in {@code HOME/history/NAME.log}, encrypted at rest (see
 * {@link SealedLog}): whoever can read the folder but not the keys reads nothing, and an altered
 * entry is refused, not shown. Each message is written once per home folder, however many sessions
 * of the user (an interactive one and a script, say) receive it. Thread-safe; does file I/O, so not
 * for an event loop.
 */
public final class History implements AutoCloseable {

    private final SealedLog log;
    /** What the file holds, up to {@link #readUpTo}: which messages, by direction, peer and id. */
    private final Set<String> recorded = new HashSet<>();
    private long readUpTo;

    private History(SealedLog log) {
        this.log = log;
    }

    /** The history of {@code user} (the local name), readable with {@code keys} only. */
    public static History open(Path home, String user, IdentityKeys keys) {
        return new History(SealedLog.open(home.resolve("history").resolve(user + ".log"), "history", user, keys));
    }

    /**
     * Adds {@code entry} unless the history holds it already (another session of this user in this
     * home wrote it): under the log's lock, it reads what others appended since, then appends.
     *
     * @return whether it was added
     */
    public synchronized boolean append(HistoryEntry entry) throws IOException {
        byte[] bytes = WireJson.mapper().writeValueAsBytes(entry);
        return log.locked(() -> {
            try {
                readUpTo = log.readFrom(readUpTo, plaintext ->
                        recorded.add(key(WireJson.mapper().readValue(plaintext, HistoryEntry.class))));
                log.truncate(readUpTo);
            } catch (IOException unreadable) {
                // An altered file: what it holds cannot be known, so this entry goes in regardless.
                readUpTo = Long.MAX_VALUE;
            }
            if (!recorded.add(key(entry))) {
                return false;
            }
            log.append(bytes);
            if (readUpTo != Long.MAX_VALUE) {
                readUpTo = log.size();
            }
            return true;
        });
    }

    private static String key(HistoryEntry entry) {
        return (entry.outgoing() ? "> " : "< ") + entry.peer() + " " + entry.id();
    }

    /**
     * The last {@code limit} entries with {@code peer}, oldest first. {@code peer} is {@code bob@node-b},
     * {@code bob} for a bob of any node, or a group ({@code #team@node-a}).
     *
     * @throws IOException if an entry does not open: the file was altered, or the keys are not its owner's
     */
    public List<HistoryEntry> with(String peer, int limit) throws IOException {
        Deque<HistoryEntry> last = new ArrayDeque<>();
        log.readAll(plaintext -> {
            HistoryEntry entry = WireJson.mapper().readValue(plaintext, HistoryEntry.class);
            if (matches(entry.peer(), peer)) {
                last.addLast(entry);
                if (last.size() > limit) {
                    last.removeFirst();
                }
            }
        });
        return new ArrayList<>(last);
    }

    private static boolean matches(String entryPeer, String asked) {
        return asked.contains("@") ? entryPeer.equals(asked) : entryPeer.startsWith(asked + "@");
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
