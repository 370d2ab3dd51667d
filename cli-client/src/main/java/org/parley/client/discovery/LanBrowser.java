package org.parley.client.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.NodeAnnouncement;

/**
 * Listens for Parley nodes' mDNS announcements ({@value NodeAnnouncement#SERVICE_TYPE}) on some
 * interfaces for a while, and lists the nodes that answered. Announcements that are not a Parley
 * node's are left out; what a node says about itself is not checked here (a login checks the node's
 * key).
 */
public final class LanBrowser {

    private static final Comparator<FoundNode> ORDER = Comparator
            .comparing((FoundNode node) -> node.announcement().name()).thenComparing(FoundNode::host)
            .thenComparingInt(node -> node.announcement().clientPort());

    private final List<InetAddress> addresses;

    /** @param addresses the interfaces' addresses to ask on (see {@code LanInterfaces}) */
    public LanBrowser(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** Asks, listens for {@code listening}, and returns each node heard once, by name. Blocks. */
    public List<FoundNode> browse(Duration listening) throws IOException, InterruptedException {
        Map<String, FoundNode> found = new ConcurrentHashMap<>();
        List<JmDNS> open = new ArrayList<>();
        try {
            for (InetAddress address : addresses) {
                JmDNS jmdns = JmDNS.create(address, "parley-discover");
                open.add(jmdns);
                jmdns.addServiceListener(NodeAnnouncement.SERVICE_TYPE, new Collector(jmdns, found));
            }
            Thread.sleep(listening.toMillis()); // listening for that long is the command's job
        } finally {
            for (JmDNS jmdns : open) {
                jmdns.close();
            }
        }
        List<FoundNode> nodes = new ArrayList<>(found.values());
        nodes.sort(ORDER);
        return nodes;
    }

    /** On JmDNS's threads: asks each new service for its records and keeps those that are nodes. */
    private static final class Collector implements ServiceListener {
        private final JmDNS jmdns;
        private final Map<String, FoundNode> found;

        Collector(JmDNS jmdns, Map<String, FoundNode> found) {
            this.jmdns = jmdns;
            this.found = found;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            // A timeout of 1 ms only starts the query: waiting here would hold JmDNS's listener thread.
            jmdns.requestServiceInfo(event.getType(), event.getName(), 1);
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            if (!info.getPropertyNames().hasMoreElements()) {
                // Resolved before its TXT record came: ask again rather than miss the node.
                jmdns.requestServiceInfo(event.getType(), event.getName(), 1);
                return;
            }
            String[] hosts = Arrays.stream(info.getInet4Addresses()).map(Inet4Address::getHostAddress)
                    .toArray(String[]::new);
            Map<String, String> txt = new HashMap<>();
            Collections.list(info.getPropertyNames()).forEach(key -> txt.put(key, info.getPropertyString(key)));
            try {
                FoundNode node = FoundNode.of(hosts, txt);
                found.put(node.announcement().name() + " " + node.host() + ":" + node.announcement().clientPort(), node);
            } catch (IllegalArgumentException notANode) {
                // another program's service of the same type: not listed
            }
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            found.values().removeIf(node -> node.announcement().name().equals(event.getName()));
        }
    }
}
