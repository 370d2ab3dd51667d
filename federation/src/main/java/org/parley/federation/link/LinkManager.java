package org.parley.federation.link;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.parley.federation.FederationConfig;
import org.parley.federation.LinkState;
import org.parley.federation.LinkStatus;
import org.parley.federation.PeerAddress;
import org.parley.federation.net.TransportSecurity;
import org.parley.federation.wire.PeerMessage;
import org.parley.protocol.frame.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's links: listens on the S2S port, dials every configured peer and redials with
 * backoff when a link drops, checks heartbeats, and keeps one link per peer. When both nodes dial
 * each other at once, both keep the link dialled by the node whose name sorts first, so they agree
 * without talking about it. Runs on the federation context.
 */
public final class LinkManager implements LinkEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LinkManager.class);
    private static final long MAX_QUEUED_BYTES = 64L << 20;

    private final Vertx vertx;
    private final Context context;
    private final FederationConfig config;
    private final NodeIdentity self;
    private final PinnedKeys pins;
    private final PeerAdmission admission;
    private final LinkEvents owner;
    private final Set<PeerLink> all = new HashSet<>();
    private final Map<String, PeerLink> up = new TreeMap<>();
    /**
     * Links the owner heard come up and has not yet heard close. A link may stop being the peer's
     * link (a duplicate that lost) before it closes; the owner still hears it close, so that what it
     * keeps per link (gossip's state, bulk streams) ends with it.
     */
    private final Set<PeerLink> announced = new HashSet<>();
    private final List<Dialer> dialers = new ArrayList<>();
    private NetServer server;
    private NetClient client;
    private long heartbeatTimer = -1;
    private boolean stopped;
    /** Draining: links that are up stay up, but no new one is dialled or accepted. */
    private boolean closedToNew;

    public LinkManager(Vertx vertx, Context context, FederationConfig config, NodeIdentity self, PinnedKeys pins,
                       LinkEvents owner) {
        this(vertx, context, config, self, pins, config.peerFingerprints(), owner);
    }

    /** @param trusted the peers' fingerprints by name, read at each admission (the operator may change them) */
    public LinkManager(Vertx vertx, Context context, FederationConfig config, NodeIdentity self, PinnedKeys pins,
                       Map<String, String> trusted, LinkEvents owner) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.self = self;
        this.pins = pins;
        this.admission = new PeerAdmission(config, trusted, pins);
        this.owner = owner;
    }

    /** Starts listening and dialling; resolves to the S2S port bound. */
    public Future<Integer> start() {
        client = vertx.createNetClient(config.security().apply(
                new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(5000)));
        server = vertx.createNetServer(config.security().apply(new NetServerOptions().setHost(config.host())
                .setPort(config.s2sPort()).setTcpNoDelay(true).setReuseAddress(true)));
        server.connectHandler(socket -> adopt(socket, false));
        long heartbeatNanos = TimeUnit.SECONDS.toNanos(config.linkHeartbeatSeconds());
        heartbeatTimer = vertx.setPeriodic(Math.max(100, TimeUnit.NANOSECONDS.toMillis(heartbeatNanos) / 2), id -> {
            long now = System.nanoTime();
            for (PeerLink link : List.copyOf(all)) {
                link.checkLiveness(now, heartbeatNanos);
            }
        });
        return server.listen().map(bound -> {
            for (PeerAddress peer : config.peers()) {
                dial(peer);
            }
            return bound.actualPort();
        });
    }

    /** Dials {@code address} now and keeps it linked until the node stops. */
    public void dial(PeerAddress address) {
        Dialer dialer = new Dialer(address);
        dialers.add(dialer);
        dialer.connect();
    }

    /**
     * Stops dialling {@code node} and closes its link: the operator removed it. Resolves nothing; the
     * link's close is reported as any other.
     */
    public void forget(String node, String reason) {
        dialers.removeIf(dialer -> {
            boolean its = node.equals(dialer.peer);
            if (its) {
                dialer.stop();
            }
            return its;
        });
        for (PeerLink link : List.copyOf(all)) {
            if (node.equals(link.peerName())) {
                link.close(reason);
            }
        }
    }

    /**
     * Presents {@code tls}'s certificate on links made from now on, dialled and accepted; links that
     * are up keep the certificate they were made with.
     */
    public Future<Void> updateCertificate(TransportSecurity.Tls tls) {
        return Future.all(server.updateSSLOptions(tls.serverOptions()), client.updateSSLOptions(tls.clientOptions()))
                .mapEmpty();
    }

    /** Stops dialling {@code address} and closes the link dialled there, if any: the operator removed it. */
    public void undial(PeerAddress address, String reason) {
        dialers.removeIf(dialer -> {
            boolean its = dialer.address.equals(address);
            if (its) {
                dialer.stop();
                if (dialer.current != null) {
                    dialer.current.close(reason);
                }
            }
            return its;
        });
    }

    /** Takes no new link from now on, dialled or accepted; the links that are up stay up. */
    public void closeToNew() {
        closedToNew = true;
        dialers.forEach(Dialer::stop);
    }

    /**
     * Each link that is up, and each dialled address whose link is not: for the operator. {@code waiting}
     * is 0 here; the owner knows the outboxes.
     */
    public List<LinkStatus> status() {
        List<LinkStatus> status = new ArrayList<>();
        up.forEach((node, link) -> status.add(new LinkStatus(node, link.remote(), LinkState.UP, link.rttMillis(), 0)));
        for (Dialer dialer : dialers) {
            if (dialer.peer == null || !up.containsKey(dialer.peer)) {
                status.add(new LinkStatus(dialer.peer, dialer.address.toString(), LinkState.DOWN, -1, 0));
            }
        }
        return status;
    }

    /** The links that are up, by peer name. */
    public Map<String, PeerLink> up() {
        return up;
    }

    private PeerLink adopt(NetSocket socket, boolean dialed) {
        if (stopped || closedToNew) {
            socket.close();
            return null;
        }
        PeerLink link = new PeerLink(socket, context, dialed, self, pins, admission, this,
                MAX_QUEUED_BYTES, config.security().binding(socket, dialed));
        all.add(link);
        link.start();
        return link;
    }

    @Override
    public void onUp(PeerLink link) {
        String peer = link.peerName();
        dialers.stream().filter(d -> d.current == link).forEach(d -> d.peer = peer);
        PeerLink existing = up.get(peer);
        if (existing != null) {
            // Keep the link dialled by the node whose name sorts first; both ends pick the same one.
            boolean keepExisting = existing.dialed() == (self.name().compareTo(peer) < 0);
            PeerLink loser = keepExisting ? link : existing;
            if (!keepExisting) {
                up.put(peer, link);
            }
            LOG.info("Two links with node {}; keeping the one {} dialled", peer,
                    self.name().compareTo(peer) < 0 ? self.name() : peer);
            loser.close("duplicate link; " + self.name() + " keeps the other one");
            if (!keepExisting) {
                announce(link); // the survivor starts its own exchange (digests, routes)
            }
            return;
        }
        up.put(peer, link);
        LOG.info("Linked with node {} ({}, {})", peer, link.remote(), link.dialed() ? "dialled" : "accepted");
        dialers.stream().filter(d -> d.current == link).forEach(Dialer::linked);
        announce(link);
    }

    private void announce(PeerLink link) {
        announced.add(link);
        owner.onUp(link);
    }

    @Override
    public void onFrame(PeerLink link, Frame<PeerMessage> frame) {
        if (up.get(link.peerName()) == link) {
            owner.onFrame(link, frame);
        }
    }

    @Override
    public void onClosed(PeerLink link, String reason) {
        all.remove(link);
        String peer = link.peerName();
        boolean wasUp = peer != null && up.get(peer) == link;
        if (wasUp) {
            up.remove(peer);
            LOG.warn("Link with node {} ({}) dropped: {}", peer, link.remote(), reason);
        }
        if (announced.remove(link)) {
            owner.onClosed(link, reason);
        }
        for (Dialer dialer : dialers) {
            if (dialer.current == link) {
                dialer.lost();
            } else if (wasUp && peer.equals(dialer.peer) && dialer.current == null) {
                dialer.connectSoon(); // the link that made this dialer stand back is gone
            }
        }
    }

    public Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(heartbeatTimer);
        dialers.forEach(Dialer::stop);
        for (PeerLink link : List.copyOf(all)) {
            link.close("node " + self.name() + " is shutting down");
        }
        Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
        return serverClosed.eventually(() -> client == null ? Future.succeededFuture() : client.close());
    }

    /** Keeps one configured address linked. */
    private final class Dialer {
        private final PeerAddress address;
        private final Backoff backoff = new Backoff(config.redialMinMillis(), config.redialMaxMillis());
        private String peer;
        private PeerLink current;
        private long timer = -1;
        private boolean failing;
        /** Stopped for good: the address was removed, or the node takes no new links. */
        private boolean gone;

        Dialer(PeerAddress address) {
            this.address = address;
        }

        void connect() {
            timer = -1;
            if (stopped || closedToNew || gone || current != null) {
                return;
            }
            if (peer != null && up.containsKey(peer)) {
                return; // the peer dialled us; connectSoon() runs when that link goes
            }
            client.connect(address.port(), address.host()).onComplete(result -> {
                if (result.failed()) {
                    if (!failing) {
                        LOG.info("Cannot reach peer {} ({}); will keep trying", address, result.cause().getMessage());
                        failing = true;
                    }
                    schedule(backoff.next());
                } else if (stopped) {
                    result.result().close();
                } else {
                    failing = false;
                    current = adopt(result.result(), true);
                }
            });
        }

        void linked() {
            backoff.reset();
        }

        void lost() {
            current = null;
            schedule(backoff.next());
        }

        void connectSoon() {
            schedule(config.redialMinMillis() / 2 + 1);
        }

        private void schedule(long delayMillis) {
            if (stopped || gone || timer >= 0) {
                return;
            }
            timer = vertx.setTimer(Math.max(1, delayMillis), id -> connect());
        }

        void stop() {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            gone = true;
        }
    }
}
