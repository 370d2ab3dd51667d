package org.parley.protocol.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The addresses on which mDNS can be spoken: the IPv4 addresses of the interfaces that are up and
 * can send multicast. A loopback interface counts when multicast is switched on for it (Linux's is
 * not, by default), which is how a machine or a network namespace with nothing else can still
 * discover.
 */
public final class LanInterfaces {

    private LanInterfaces() {
    }

    /** The addresses, in the order the system lists its interfaces; empty if it has none. */
    public static List<InetAddress> multicastAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && network.supportsMulticast()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        addresses.add(address);
                    }
                }
            }
        }
        return addresses;
    }
}
