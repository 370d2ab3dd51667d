package org.parley.node.discovery;

import java.net.Inet4Address;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.jmdns.ServiceInfo;
import org.parley.protocol.discovery.NodeAnnouncement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a resolved mDNS service as a {@link FoundNode}, or says in the log why it is not one. */
final class FoundNodes {

    private static final Logger LOG = LoggerFactory.getLogger(FoundNodes.class);

    private FoundNodes() {
    }

    static Optional<FoundNode> read(ServiceInfo info) {
        Inet4Address[] addresses = info.getInet4Addresses();
        if (addresses.length == 0) {
            LOG.debug("mDNS service {} has no IPv4 address yet", info.getName());
            return Optional.empty();
        }
        Map<String, String> txt = new HashMap<>();
        for (String key : Collections.list(info.getPropertyNames())) {
            txt.put(key, info.getPropertyString(key));
        }
        try {
            return Optional.of(new FoundNode(addresses[0].getHostAddress(), NodeAnnouncement.fromTxt(txt)));
        } catch (IllegalArgumentException e) {
            LOG.info("Ignoring the LAN announcement {} from {}: it is not a Parley node's ({})", info.getName(),
                    addresses[0].getHostAddress(), e.getMessage());
            return Optional.empty();
        }
    }
}
