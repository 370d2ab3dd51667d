package org.parley.node.media;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library of a media folder: scanned on a worker thread of its own at start, whenever a file in
 * the folder changes (once the folder has been quiet for a moment, so that a file being copied in
 * is read once it is whole), and every minute besides for folders whose changes are not announced.
 * Readers see the last scan's result and never wait for one.
 */
public final class FolderVideoLibrary implements VideoLibrary, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FolderVideoLibrary.class);
    /** How long the folder must be quiet after a change before it is scanned. */
    private static final long QUIET_MILLIS = 500;
    /** How often the folder is scanned when nothing announces a change. */
    private static final long RESCAN_MILLIS = 60_000;

    private final Path mediaDir;
    private final LibraryScan scan;
    private final ExecutorService worker;
    private final WatchService watcher;
    private final Thread watching;
    private final List<Consumer<List<Video>>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    /** The scan asked for and not begun yet, which later requests share. Guarded by {@link #lock}. */
    private CompletableFuture<List<Video>> queued;
    private volatile Map<String, Video> videos = Map.of();

    private FolderVideoLibrary(Path mediaDir, RenditionCache cache, long segmentMillis) throws IOException {
        this.mediaDir = mediaDir;
        this.scan = new LibraryScan(mediaDir, cache, segmentMillis);
        this.worker = Executors.newSingleThreadExecutor(daemon("parley-media-library"));
        this.watcher = mediaDir.getFileSystem().newWatchService();
        mediaDir.register(watcher, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        this.watching = daemon("parley-media-watch").newThread(this::watch);
    }

    /**
     * Opens the library of {@code mediaDir} (made if missing), its segments cached under
     * {@code cacheDir}, and begins scanning. The future completes once the renditions already in
     * the cache are served; what is new is cut after that, and listeners hear of it.
     *
     * @param segmentMillis the target segment length
     */
    public static CompletableFuture<FolderVideoLibrary> open(Path mediaDir, Path cacheDir, long segmentMillis) {
        FolderVideoLibrary library;
        try {
            Files.createDirectories(mediaDir);
            library = new FolderVideoLibrary(mediaDir, new RenditionCache(cacheDir), segmentMillis);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new IOException("cannot open the media folder " + mediaDir + ": "
                    + e.getMessage(), e));
        }
        return CompletableFuture.supplyAsync(() -> {
            library.publish(library.scan.run(true));
            library.watching.start();
            library.rescan();
            return library;
        }, library.worker).whenComplete((started, failure) -> {
            if (failure != null) {
                library.close();
            }
        });
    }

    @Override
    public List<Video> videos() {
        return List.copyOf(videos.values());
    }

    @Override
    public Optional<Video> video(String name) {
        return VideoName.isValid(name) ? Optional.ofNullable(videos.get(name)) : Optional.empty();
    }

    @Override
    public void changed(Consumer<List<Video>> listener) {
        listeners.add(listener);
    }

    /** Scans the folder again (cutting what is new); completes with what it found. */
    public CompletableFuture<List<Video>> rescan() {
        synchronized (lock) {
            if (queued == null) {
                CompletableFuture<List<Video>> next = new CompletableFuture<>();
                queued = next;
                try {
                    worker.execute(() -> runScan(next));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    queued = null;
                    next.completeExceptionally(new IllegalStateException("the media library is closed"));
                }
            }
            return queued;
        }
    }

    private void runScan(CompletableFuture<List<Video>> done) {
        synchronized (lock) {
            if (queued == done) {
                queued = null;
            }
        }
        try {
            List<Video> found = scan.run(false);
            publish(found);
            done.complete(found);
        } catch (RuntimeException e) {
            LOG.error("Scanning the media folder {} failed; the library stays as it was", mediaDir, e);
            done.completeExceptionally(e);
        }
    }

    private void publish(List<Video> found) {
        Map<String, Video> byName = new LinkedHashMap<>();
        found.forEach(video -> byName.put(video.name(), video));
        if (byName.equals(videos)) {
            return;
        }
        videos = byName;
        LOG.info("Media library {}: {}", mediaDir, found.isEmpty() ? "no videos" : String.join(", ",
                found.stream().map(FolderVideoLibrary::describe).toList()));
        List<Video> list = List.copyOf(found);
        for (Consumer<List<Video>> listener : listeners) {
            try {
                listener.accept(list);
            } catch (RuntimeException e) {
                LOG.error("A listener of the media library failed", e);
            }
        }
    }

    private static String describe(Video video) {
        return video.name() + " " + video.renditions().stream().map(r -> r.resolution().toString()).toList()
                + (video.aligned() ? "" : " (renditions not aligned: no mixed mode)");
    }

    /** Waits for changes in the folder, and asks for a scan once it is quiet (or a minute passed). */
    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.poll(RESCAN_MILLIS, TimeUnit.MILLISECONDS);
                while (key != null) {
                    key.pollEvents();
                    if (!key.reset()) {
                        LOG.warn("The media folder {} can no longer be watched; it is scanned every {} s", mediaDir,
                                RESCAN_MILLIS / 1000);
                    }
                    key = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                }
                rescan();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // Closed: the library is stopping.
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.debug("Closing the watch on {}: {}", mediaDir, e.getMessage());
        }
        watching.interrupt();
        worker.shutdown();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
