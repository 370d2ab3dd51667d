package org.parley.node.discovery;

import java.net.Inet4Address;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.jmdns.ServiceInfo;
import org.parley.protocol.discovery.FoundNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a resolved mDNS service as a {@link FoundNode}, or says in the log why it is not one. */
final class FoundNodes {

    private static final Logger LOG = LoggerFactory.getLogger(FoundNodes.class);

    private FoundNodes() {
    }

    static Optional<FoundNode> read(ServiceInfo info) {
        String[] addresses = Arrays.stream(info.getInet4Addresses()).map(Inet4Address::getHostAddress)
                .toArray(String[]::new);
        Map<String, String> txt = new HashMap<>();
        Collections.list(info.getPropertyNames()).forEach(key -> txt.put(key, info.getPropertyString(key)));
        try {
            return Optional.of(FoundNode.of(addresses, txt));
        } catch (IllegalArgumentException e) {
            LOG.info("Ignoring the LAN announcement {} ({}): it is not a Parley node's ({})", info.getName(),
                    String.join(", ", addresses), e.getMessage());
            return Optional.empty();
        }
    }
}
