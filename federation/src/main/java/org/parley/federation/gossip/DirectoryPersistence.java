package org.parley.federation.gossip;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.federation.wire.SignedEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the directory's entries of other nodes in a {@link DirectoryStore}, in batches: a change
 * marks its key, and once a second the keys marked are written as the directory holds them then, in
 * transactions of at most 200 rows. A key that changes many times between two batches is written
 * once; a gossip flood costs a few commits a second, not one per entry. Losing the last second to a crash
 * costs nothing that anti-entropy does not bring back. Used on the federation context.
 */
public final class DirectoryPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryPersistence.class);
    private static final long BATCH_MILLIS = 1000;
    private static final int ROWS_PER_TRANSACTION = 200;

    private record Key(String origin, String key) {
    }

    private final Vertx vertx;
    private final String self;
    private final Directory directory;
    private final DirectoryStore store;
    private Set<Key> marked = new LinkedHashSet<>();
    private Future<Void> writing = Future.succeededFuture();
    private boolean timerSet;

    public DirectoryPersistence(Vertx vertx, String self, Directory directory, DirectoryStore store) {
        this.vertx = vertx;
        this.self = self;
        this.directory = directory;
        this.store = store;
    }

    /** Reads what was kept into the directory; call before any link is up. */
    public Future<Integer> load() {
        return store.loadAll().compose(signed -> vertx.executeBlocking(() -> parse(signed), false)).map(held -> {
            directory.restore(held);
            if (!held.isEmpty()) {
                LOG.info("Directory: {} entries of other nodes kept from before the restart", held.size());
            }
            return held.size();
        });
    }

    private static List<Directory.Held> parse(List<SignedEntry> signed) {
        List<Directory.Held> held = new ArrayList<>(signed.size());
        for (SignedEntry each : signed) {
            try {
                held.add(new Directory.Held(EntrySigner.parse(each), each));
            } catch (Exception e) {
                LOG.warn("Directory: skipped a kept entry that no longer reads ({})", e.getMessage());
            }
        }
        return held;
    }

    /** Marks what changed, to be written with the next batch. */
    public void changed(List<Directory.Change> changes) {
        for (Directory.Change change : changes) {
            DirectoryEntry entry = change.after() != null ? change.after() : change.before();
            if (!entry.origin().equals(self)) {
                marked.add(new Key(entry.origin(), entry.key()));
            }
        }
        if (!marked.isEmpty() && !timerSet) {
            timerSet = true;
            vertx.setTimer(BATCH_MILLIS, id -> {
                timerSet = false;
                flush();
            });
        }
    }

    /** Writes what is marked now, after the batch before it; resolves once both are on disk. */
    public Future<Void> flush() {
        if (marked.isEmpty()) {
            return writing;
        }
        List<DirectoryStore.Write> batch = new ArrayList<>(marked.size());
        for (Key key : marked) {
            batch.add(directory.held(key.origin(), key.key())
                    .<DirectoryStore.Write>map(h -> new DirectoryStore.Write.Put(key.origin(), key.key(),
                            h.entry().version(), h.signed()))
                    .orElse(new DirectoryStore.Write.Remove(key.origin(), key.key())));
        }
        marked = new LinkedHashSet<>();
        // In slices, each submitted once the one before is done: the store has one thread, and the
        // outbox's and mailboxes' group commits submitted meanwhile run between two slices instead of
        // waiting behind ten thousand rows of a flood.
        for (int i = 0; i < batch.size(); i += ROWS_PER_TRANSACTION) {
            List<DirectoryStore.Write> slice = batch.subList(i, Math.min(batch.size(), i + ROWS_PER_TRANSACTION));
            writing = writing.transform(ignored -> store.write(slice)).onFailure(e ->
                    LOG.warn("Directory: could not keep {} changes on disk ({}); a restart will learn them again"
                            + " from peers", slice.size(), e.getMessage()));
        }
        return writing;
    }
}
