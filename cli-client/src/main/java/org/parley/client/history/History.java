package org.parley.client.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.parley.client.home.SealedLog;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.frame.WireJson;

/**
 * This user's conversations in {@code HOME/history/NAME.log}, encrypted at rest (see
 * {@link SealedLog}): whoever can read the folder but not the keys reads nothing, and an altered
 * entry is refused, not shown. Thread-safe; does file I/O, so not for an event loop.
 */
public final class History implements AutoCloseable {

    private final SealedLog log;

    private History(SealedLog log) {
        this.log = log;
    }

    /** The history of {@code user} (the local name), readable with {@code keys} only. */
    public static History open(Path home, String user, IdentityKeys keys) {
        return new History(SealedLog.open(home.resolve("history").resolve(user + ".log"), "history", user, keys));
    }

    public void append(HistoryEntry entry) throws IOException {
        log.append(WireJson.mapper().writeValueAsBytes(entry));
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
