package org.parley.node.admin.command;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley-node admin peer}: whom the running node links with, changed without a restart. */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = "Adds or removes a peer of the running node; the config file is not changed (edit it too to"
                + " keep the change after a restart).")
public final class PeerCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", description = "Trusts node NAME with key FP, as peerFingerprints would, and dials it at"
            + " HOST:PORT. A key pinned for NAME before must match.")
    int add(@Mixin AdminCall call, @Parameters(paramLabel = "HOST:PORT") String address,
            @Option(names = "--fingerprint", required = true, paramLabel = "NAME=SHA256:...",
                    description = "the peer's name and key fingerprint, as `parley-node fingerprint` prints it on"
                            + " its machine") Map<String, String> fingerprint) {
        if (fingerprint.size() != 1) {
            call.refuse("give one --fingerprint NAME=FP for the peer at " + address);
            return 2;
        }
        Map.Entry<String, String> peer = fingerprint.entrySet().iterator().next();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("node", peer.getKey());
        args.put("fingerprint", peer.getValue());
        args.put("address", address);
        return call.send("peer-add", args);
    }

    @Command(name = "remove", description = "Stops trusting node NAME: its link closes and it is not dialled again.")
    int remove(@Mixin AdminCall call, @Parameters(paramLabel = "NAME") String node) {
        return call.send("peer-remove", Map.of("node", node));
    }
}
