package org.parley.node.admin.command;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley-node admin invite}: invite codes, for a node whose registration is by invite. */
@Command(name = "invite", mixinStandardHelpOptions = true,
        description = "Invite codes: a new user registers with `parley --invite CODE` when registration is invite.")
public final class InviteCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", description = "Makes an invite code good for N new names.")
    int create(@Mixin AdminCall call, @Option(names = "--uses", paramLabel = "N", defaultValue = "1",
            description = "new names it may register (default: ${DEFAULT-VALUE})") int uses) {
        return call.send("invite-create", Map.of("uses", uses));
    }

    @Command(name = "list", description = "Lists the invite codes, with their uses left.")
    int list(@Mixin AdminCall call) {
        return call.send("invite-list", Map.of());
    }
}
