package org.parley.node;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.link.NodeKeyFile;
import org.parley.node.config.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley-node fingerprint}: prints the node's key fingerprint alone on a line, for the other
 * operators' {@code peerFingerprints}, making the key first if the node has never started.
 */
@Command(name = "fingerprint", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prints this node's key fingerprint (making its key, DATA/node-key.json, if there is none"
                + " yet), for the peerFingerprints of the nodes it should link with. Takes the node's --config"
                + " and flags.")
final class FingerprintCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private NodeOptions options;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig settings = options.load(err);
        if (settings == null) {
            return 2;
        }
        NodeIdentity identity;
        try {
            identity = NodeKeyFile.loadOrCreate(settings.storage().dataDir(), settings.name());
        } catch (IOException | IllegalArgumentException e) {
            err.println("parley-node: cannot read or make the key of " + settings.name() + " in "
                    + settings.storage().dataDir() + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(identity.fingerprint());
        out.flush();
        return 0;
    }
}
