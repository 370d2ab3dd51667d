package org.parley.node.discovery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.parley.federation.Federation;
import org.parley.protocol.discovery.LanInterfaces;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.NodeAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this node over mDNS as a {@value NodeAnnouncement#SERVICE_TYPE} service on the interface
 * of its host address (every multicast interface for a wildcard host), and, with
 * {@code linkDiscovered}, listens for other nodes' announcements and dials those
 * {@link DiscoveredPeers} admits. JmDNS does blocking I/O on threads of its own: it is opened and
 * closed on a worker, and what its threads report is handed to this verticle's context.
 */
public final class MdnsDiscovery extends VerticleBase implements Discovery {

    private static final Logger LOG = LoggerFactory.getLogger(MdnsDiscovery.class);

    private final String host;
    private final NodeAnnouncement self;
    private final Federation federation;
    /** Null unless the node links with what it finds. */
    private final DiscoveredPeers peers;
    /** One per interface announced on; set on this context once opened. */
    private List<JmDNS> running = List.of();

    /**
     * @param host  the node's configured host address, whose interface is announced on
     * @param peers what to link with among the nodes found, or null to announce only
     */
    public MdnsDiscovery(String host, NodeAnnouncement self, Federation federation, DiscoveredPeers peers) {
        this.host = host;
        this.self = self;
        this.federation = federation;
        this.peers = peers;
    }

    /** Deploys the discovery; fails, saying why, if no interface can carry the announcement. */
    public static Future<MdnsDiscovery> start(Vertx vertx, MdnsDiscovery discovery) {
        return vertx.deployVerticle(discovery).map(id -> discovery);
    }

    @Override
    public Future<?> start() {
        return vertx.executeBlocking(this::open, false).onSuccess(opened -> {
            running = opened;
            List<String> on = new ArrayList<>();
            for (JmDNS jmdns : opened) {
                on.add(String.valueOf(interfaceAddress(jmdns)));
            }
            LOG.info("Node {} announces itself on the LAN (mDNS {}) on {}: client port {}, nodes {}, web {}, voice {},"
                    + " key {}; {}", self.name(), NodeAnnouncement.SERVICE_TYPE, on, self.clientPort(), self.s2sPort(),
                    self.webPort(), self.voicePort(), self.fingerprint(), peers == null
                            ? "it does not link with the nodes it finds (--link-discovered is off)"
                            : "it links with the nodes it finds, as far as its federation's trust rules allow");
        });
    }

    private static InetAddress interfaceAddress(JmDNS jmdns) {
        try {
            return jmdns.getInetAddress();
        } catch (IOException e) {
            return null;
        }
    }

    /** Opens one JmDNS per address and registers the announcement; closes what it opened if one fails. */
    private List<JmDNS> open() throws IOException {
        List<JmDNS> opened = new ArrayList<>();
        try {
            for (InetAddress address : addresses()) {
                JmDNS jmdns = JmDNS.create(address, self.name());
                opened.add(jmdns);
                if (peers != null) {
                    jmdns.addServiceListener(NodeAnnouncement.SERVICE_TYPE, new Listener(jmdns));
                }
                jmdns.registerService(ServiceInfo.create(NodeAnnouncement.SERVICE_TYPE, self.name(),
                        self.clientPort(), 0, 0, self.toTxt()));
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The host's address, or every multicast interface's for a wildcard host; each must carry multicast. */
    private List<InetAddress> addresses() throws IOException {
        InetAddress address = InetAddress.getByName(host);
        if (address.isAnyLocalAddress()) {
            List<InetAddress> all = LanInterfaces.multicastAddresses();
            if (all.isEmpty()) {
                throw new IOException("discovery is on, but no network interface is up with multicast, so the node"
                        + " cannot announce itself on the LAN");
            }
            return all;
        }
        NetworkInterface network = NetworkInterface.getByInetAddress(address);
        if (network == null) {
            throw new IOException("discovery is on, but the host address " + host + " is on no interface of this"
                    + " machine");
        }
        if (!network.supportsMulticast()) {
            throw new IOException("discovery is on, but the interface of host " + host + " (" + network.getName()
                    + ") cannot send multicast: bind the node to a LAN address (network.host), or switch"
                    + " multicast on for it (`ip link set " + network.getName() + " multicast on`)");
        }
        return List.of(address);
    }

    /** Closes the discovery: withdraws the announcement (goodbye packets) and stops listening. */
    @Override
    public Future<Void> close() {
        return vertx.undeploy(deploymentID());
    }

    @Override
    public Future<?> stop() {
        List<JmDNS> closing = running;
        running = List.of();
        return vertx.executeBlocking(() -> {
            closeAll(closing);
            return null;
        }, false);
    }

    private static void closeAll(List<JmDNS> opened) {
        for (JmDNS jmdns : opened) {
            try {
                jmdns.unregisterAllServices();
                jmdns.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not close mDNS on {} cleanly: {}", interfaceAddress(jmdns), e.toString());
            }
        }
    }

    /** On this context: what to do about a node found, given the peers linked now. */
    private void found(FoundNode node) {
        federation.linkedPeers().onComplete(linked -> context.runOnContext(v -> {
            LinkDecision decision = peers.decide(node, linked.succeeded() ? linked.result() : java.util.Set.of());
            peers.log(node, decision);
            if (decision instanceof LinkDecision.Link link) {
                federation.dial(link.address());
            }
        }));
    }

    /** Runs on JmDNS's threads: asks for each new service's records, and hands what resolves to the context. */
    private final class Listener implements ServiceListener {
        private final JmDNS jmdns;

        Listener(JmDNS jmdns) {
            this.jmdns = jmdns;
        }

        /** Names asked about again for a TXT record; JmDNS's threads add and remove them. */
        private final java.util.Set<String> askedAgain = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public void serviceAdded(ServiceEvent event) {
            // A timeout of 1 ms only starts the query: waiting here would hold JmDNS's listener thread.
            jmdns.requestServiceInfo(event.getType(), event.getName(), 1);
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            if (!event.getInfo().getPropertyNames().hasMoreElements()) {
                // Resolved before its TXT record came: ask again rather than miss the node, once per
                // name, so that a service that never has one is not asked about forever
                if (askedAgain.add(event.getName())) {
                    jmdns.requestServiceInfo(event.getType(), event.getName(), 1);
                }
                return;
            }
            askedAgain.remove(event.getName());
            FoundNodes.read(event.getInfo()).ifPresent(node -> context.runOnContext(v -> found(node)));
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            LOG.info("Node {} withdrew its LAN announcement; a link with it stays as long as it answers",
                    event.getName());
        }
    }
}
