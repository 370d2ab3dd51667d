package org.parley.node.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Admits client connections: at most so many open from one address, at most so many node-wide that
 * have not logged in yet, and new ones from one address at a bounded rate. What a connection holds
 * is given back through its {@link Ticket}. Thread-safe: every event loop's listener shares one.
 */
public final class ConnectionGate {

    private final Supplier<Limits> limits;
    private final KeyedBuckets newConnections;
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();

    public ConnectionGate(Limits limits) {
        this(new LiveLimits(limits));
    }

    /** A gate that applies the limits {@code limits} holds at each admission. */
    public ConnectionGate(Supplier<Limits> limits) {
        this.limits = limits;
        this.newConnections = new KeyedBuckets(() -> limits.get().connections());
    }

    /** What admitting a connection found: a ticket, or why not. */
    public sealed interface Admission {
        record Admitted(Ticket ticket) implements Admission { }
        record Refused(String why, long retryAfterMillis) implements Admission { }
    }

    public Admission admit(String address) {
        long wait = newConnections.take(address);
        if (wait > 0) {
            return new Admission.Refused("too many new connections from " + address, wait);
        }
        Limits limits = this.limits.get();
        AtomicInteger count = open.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > limits.maxConnectionsPerAddress()) {
            release(address, count);
            return new Admission.Refused(limits.maxConnectionsPerAddress() + " connections are open from " + address
                    + " already", 10_000);
        }
        if (pending.incrementAndGet() > limits.maxPendingLogins()) {
            pending.decrementAndGet();
            release(address, count);
            return new Admission.Refused("the node has " + limits.maxPendingLogins() + " connections waiting to log"
                    + " in already", 1_000);
        }
        return new Admission.Admitted(new Ticket(address, count));
    }

    private void release(String address, AtomicInteger count) {
        if (count.decrementAndGet() <= 0) {
            open.remove(address, count);
        }
    }

    /** Connections waiting to log in now, node-wide. */
    public int pending() {
        return pending.get();
    }

    /** What one connection holds; each method acts once. Used on the connection's own loop. */
    public final class Ticket {
        private final String address;
        private final AtomicInteger count;
        private boolean loggedIn;
        private boolean closed;

        private Ticket(String address, AtomicInteger count) {
            this.address = address;
            this.count = count;
        }

        /** The connection logged in: it no longer counts as waiting. */
        public void loggedIn() {
            if (!loggedIn && !closed) {
                loggedIn = true;
                pending.decrementAndGet();
            }
        }

        /** The connection is gone. */
        public void closed() {
            if (closed) {
                return;
            }
            closed = true;
            if (!loggedIn) {
                pending.decrementAndGet();
            }
            release(address, count);
        }
    }
}
