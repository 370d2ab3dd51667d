package org.parley.client.command;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.parley.client.discovery.LanBrowser;
import org.parley.client.output.DiscoveredLine;
import org.parley.protocol.discovery.FoundNode;
import org.parley.protocol.discovery.LanInterfaces;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley discover}: the nodes that announce themselves on the LAN, to pick one to connect to. */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"List the Parley nodes that announce themselves on the LAN (mDNS; nodes started with"
                + " --discovery): name, address, ports and key fingerprint, and how to connect to each. What a"
                + " node announces is not checked here; logging in checks the node's key."})
public final class DiscoverCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "one JSON object per node: node, host, port, s2sPort, webPort,"
            + " voicePort, fingerprint, protocol")
    private boolean json;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "3",
            description = "how long to listen (default: ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--interface", paramLabel = "ADDRESS", description = "listen only on the interface with this"
            + " address (default: every interface that is up and carries multicast)")
    private InetAddress only;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (seconds < 1 || seconds > 600) {
            err.println("parley: --seconds must be between 1 and 600, got " + seconds);
            err.flush();
            return ExitCode.USAGE;
        }
        List<InetAddress> addresses = only != null ? List.of(only) : LanInterfaces.multicastAddresses();
        if (only != null && NetworkInterface.getByInetAddress(only) == null) {
            err.println("parley: no interface of this machine has the address " + only.getHostAddress());
            err.flush();
            return ExitCode.USAGE;
        }
        if (addresses.isEmpty()) {
            err.println("parley: no network interface is up with multicast, so nothing can be discovered");
            err.flush();
            return ExitCode.ERROR;
        }
        List<FoundNode> nodes = new LanBrowser(addresses).browse(Duration.ofSeconds(seconds));
        PrintWriter out = spec.commandLine().getOut();
        for (FoundNode node : nodes) {
            out.println(json ? DiscoveredLine.json(node) : DiscoveredLine.text(node));
        }
        out.flush();
        if (nodes.isEmpty()) {
            err.println("no Parley node announced itself within " + seconds + " s (a node announces itself only when"
                    + " started with --discovery)");
            err.flush();
        }
        return ExitCode.OK;
    }
}
