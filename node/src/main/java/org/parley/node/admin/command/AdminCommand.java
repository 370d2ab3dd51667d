package org.parley.node.admin.command;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley-node admin}: commands to a running node, over its local admin channel. Each takes the
 * node's {@code --config} (and flags) to find its data folder, and {@code --json}.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Commands to the running node on this machine, through its admin channel (URL and token in"
                + " DATA/admin.json, readable by the node's user only). Give each the node's --config.",
        subcommands = {InviteCommand.class, PeerCommand.class})
public final class AdminCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "users", description = "Lists the node's accounts and their sessions: address, since when,"
            + " and client kind (tcp or web).")
    int users(@Mixin AdminCall call) {
        return call.send("users", Map.of());
    }

    @Command(name = "kick", description = "Disconnects every session of USER; the client is told why.")
    int kick(@Mixin AdminCall call, @Parameters(paramLabel = "USER") String user,
             @Option(names = "--reason", description = "what the user is told") String reason) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("user", user);
        if (reason != null) {
            args.put("reason", reason);
        }
        return call.send("kick", args);
    }

    @Command(name = "lock", description = "Locks USER's account: its sessions end and it cannot log in until"
            + " unlocked.")
    int lock(@Mixin AdminCall call, @Parameters(paramLabel = "USER") String user) {
        return call.send("lock", Map.of("user", user));
    }

    @Command(name = "unlock", description = "Lets a locked USER log in again.")
    int unlock(@Mixin AdminCall call, @Parameters(paramLabel = "USER") String user) {
        return call.send("unlock", Map.of("user", user));
    }

    @Command(name = "delete", description = "Deletes USER's account, as the user can: its sessions end, its"
            + " waiting messages go, the network forgets it, and the name is free again.")
    int delete(@Mixin AdminCall call, @Parameters(paramLabel = "USER") String user) {
        return call.send("delete", Map.of("user", user));
    }

    @Command(name = "registration", description = "Shows, or sets, whether new names are registered: open,"
            + " closed (existing accounts still log in), or invite (a new name needs an invite code).")
    int registration(@Mixin AdminCall call,
                     @Parameters(paramLabel = "open|closed|invite", arity = "0..1") String mode) {
        return call.send("registration", mode == null ? Map.of() : Map.of("mode", mode));
    }

    @Command(name = "links", description = "Lists the node's peers: link state, round trip, messages in the"
            + " outbox.")
    int links(@Mixin AdminCall call) {
        return call.send("links", Map.of());
    }

    @Command(name = "drain", description = "Stops the node gracefully: no new logins or links, clients told it is"
            + " shutting down, outboxes given time to reach the other nodes, then the process ends.")
    int drain(@Mixin AdminCall call, @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "longest wait for the outboxes (default: ${DEFAULT-VALUE})") long seconds) {
        return call.send("drain", Map.of("timeoutMillis", seconds * 1000));
    }

    @Command(name = "reload", description = "Reads the config file again and applies its limits, peers,"
            + " registration and TLS certificate files without a restart (as kill -HUP does).")
    int reload(@Mixin AdminCall call) {
        return call.send("reload", Map.of());
    }
}
