package org.parley.federation.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.parley.federation.link.LinkedPeer;
import org.parley.federation.wire.PeerMessage;
import org.parley.federation.wire.PeerWire;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.ProtocolException;

/**
 * An in-memory network of named nodes, after scalecube-cluster's {@code NetworkEmulator}: every
 * direction of every link has its own packet loss and delay, and a seeded random decides which
 * messages are lost, so a run is the same every time. Messages go through the real codec
 * ({@link PeerWire}), and arrive in the order they were sent on their link, as on TCP, each after the
 * link's delay on a {@link VirtualClock}; a lost one simply never arrives (a link that drops a frame
 * without breaking: what a refused delta looks like to its sender). Nodes see their links as
 * {@link LinkedPeer}s. Not thread-safe: run it on the clock's thread.
 */
public final class NetworkEmulator {

    /** What a node does with a message that reached it. */
    @FunctionalInterface
    public interface Receiver {
        /** {@code from} is the receiving node's side of the link the message came on. */
        void onFrame(LinkedPeer from, Frame<PeerMessage> frame);
    }

    /** Watches every message put on a link, lost or not. */
    @FunctionalInterface
    public interface Tap {
        void sent(String from, String to, PeerMessage message);
    }

    /** How one direction of a link behaves: the share of messages lost, and how long the rest take. */
    public record Conditions(double loss, long delayNanos) {
        public Conditions {
            if (loss < 0 || loss >= 1 || delayNanos < 0) {
                throw new IllegalArgumentException("loss must be in [0, 1) and delay not negative: " + loss + ", "
                        + delayNanos);
            }
        }

        /** No loss, no delay. */
        public static final Conditions PERFECT = new Conditions(0, 0);
    }

    private final VirtualClock clock;
    private final Random random;
    private final Map<String, Receiver> nodes = new HashMap<>();
    /** Each node's links by peer name, sorted as the node's link manager keeps them. */
    private final Map<String, TreeMap<String, Direction>> links = new HashMap<>();
    private final List<Tap> taps = new ArrayList<>();
    private Conditions defaults = Conditions.PERFECT;
    private long sent;
    private long lost;

    public NetworkEmulator(VirtualClock clock, long seed) {
        this.clock = clock;
        this.random = new Random(seed);
    }

    /** The conditions of links made from now on. */
    public void defaults(Conditions conditions) {
        this.defaults = conditions;
    }

    /** Adds a node, with no links yet. */
    public void join(String name, Receiver receiver) {
        if (nodes.putIfAbsent(name, receiver) != null) {
            throw new IllegalArgumentException("node " + name + " joined twice");
        }
        links.put(name, new TreeMap<>());
    }

    /** Links two nodes, both directions under the {@link #defaults}. */
    public void link(String a, String b) {
        if (!nodes.containsKey(a) || !nodes.containsKey(b) || a.equals(b)) {
            throw new IllegalArgumentException("cannot link " + a + " with " + b);
        }
        Direction ab = new Direction(a, b, defaults);
        Direction ba = new Direction(b, a, defaults);
        ab.reverse = ba;
        ba.reverse = ab;
        links.get(a).put(b, ab);
        links.get(b).put(a, ba);
    }

    /** Sets the conditions of the link from {@code from} to {@code to}, one direction. */
    public void conditions(String from, String to, Conditions conditions) {
        direction(from, to).conditions = conditions;
    }

    /** {@code node}'s side of its link with {@code peer}. */
    public LinkedPeer peer(String node, String peer) {
        return direction(node, peer);
    }

    /** {@code node}'s links, by peer name: live, as a link manager's map of links that are up. */
    public Map<String, ? extends LinkedPeer> linksOf(String node) {
        return links.get(node);
    }

    public void tap(Tap tap) {
        taps.add(tap);
    }

    /** Messages put on links so far. */
    public long sent() {
        return sent;
    }

    /** Messages lost so far. */
    public long lost() {
        return lost;
    }

    private Direction direction(String from, String to) {
        Direction direction = links.getOrDefault(from, new TreeMap<>()).get(to);
        if (direction == null) {
            throw new IllegalArgumentException(from + " has no link with " + to);
        }
        return direction;
    }

    /** One direction of a link, seen from the sending node. */
    private final class Direction implements LinkedPeer {
        private final String from;
        private final String to;
        private final FrameDecoder<PeerMessage> decoder = PeerWire.decoder();
        private Conditions conditions;
        private Direction reverse;
        /** When the last message sent this way arrives: none overtakes it. */
        private long lastArrivalNanos;

        Direction(String from, String to, Conditions conditions) {
            this.from = from;
            this.to = to;
            this.conditions = conditions;
            decoder.limits(PeerWire.LIMITS); // as on a link that is up
        }

        @Override
        public String peerName() {
            return to;
        }

        @Override
        public void send(PeerMessage message) {
            byte[] frame = PeerWire.encoder().encode(message);
            sent++;
            taps.forEach(tap -> tap.sent(from, to, message));
            if (conditions.loss() > 0 && random.nextDouble() < conditions.loss()) {
                lost++;
                return;
            }
            long arrival = Math.max(clock.nanoTime() + conditions.delayNanos(), lastArrivalNanos);
            lastArrivalNanos = arrival;
            Receiver receiver = nodes.get(to);
            clock.schedule(arrival - clock.nanoTime(), () -> {
                try {
                    decoder.feed(frame, decoded -> receiver.onFrame(reverse, decoded));
                } catch (ProtocolException e) {
                    throw new IllegalStateException("the codec could not read back what it wrote", e);
                }
            });
        }

        @Override
        public String toString() {
            return from + "->" + to;
        }
    }
}
