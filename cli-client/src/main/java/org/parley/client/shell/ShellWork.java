package org.parley.client.shell;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user asked of the node and is not done yet: commands typed while disconnected, which
 * wait for the next login, and requests under way. Lines typed while the connection was down used
 * to vanish without a word, and a piped session ({@code echo '/msg bob hi' | parley}) exited 0 at
 * the end of its input before its message had left; the session now waits for this to empty, and
 * exits non-zero if any of it failed or never went.
 */
final class ShellWork {

    private final List<ShellCommand> queued = new ArrayList<>();
    private int running;
    private int failed;

    /** Keeps {@code command} for the next login; the number waiting. */
    synchronized int queue(ShellCommand command) {
        queued.add(command);
        return queued.size();
    }

    /**
     * Runs the commands typed while disconnected, in order, now that the session is back; they
     * leave the queue only once {@code run} has started (and so counted) each, so leaving never
     * sees nothing to wait for in between.
     *
     * @return how many there were
     */
    synchronized int runQueued(java.util.function.Consumer<ShellCommand> run) {
        List<ShellCommand> all = List.copyOf(queued);
        all.forEach(run);
        queued.clear();
        notifyAll();
        return all.size();
    }

    /** Counts {@code request} until it completes, and as a failure if it fails. */
    <T> Future<T> track(Future<T> request) {
        synchronized (this) {
            running++;
        }
        return request.onComplete(done -> {
            synchronized (this) {
                running--;
                if (done.failed()) {
                    failed++;
                }
                notifyAll();
            }
        });
    }

    /** Waits up to {@code limit} until nothing is queued or running; false if something still is. */
    synchronized boolean drain(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running > 0 || !queued.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized int queuedCount() {
        return queued.size();
    }

    synchronized int runningCount() {
        return running;
    }

    synchronized int failures() {
        return failed;
    }
}
