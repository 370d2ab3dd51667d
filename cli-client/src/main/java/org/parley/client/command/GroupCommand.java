package org.parley.client.command;

import org.parley.protocol.message.GroupAction;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.client.output.GroupLines;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley group ...}: groups, {@code #name@node}, kept by the node they were created on. Each
 * action waits for that node's answer; a refusal (not invited, not the owner...) is an error.
 */
@Command(name = "group", description = "Create, join, leave and manage groups (#name@node).",
        mixinStandardHelpOptions = true, subcommandsRepeatable = false)
public final class GroupCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "print JSON objects, one per line")
    private boolean json;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    @Command(name = "create", description = "Create a group on your node; you are its owner.")
    int create(@Parameters(paramLabel = "NAME", description = "#team or team") String name,
               @Option(names = "--invite-only", description = "only invited users may join (default: open)")
               boolean inviteOnly) throws Exception {
        String group = name.startsWith("#") ? name : "#" + name;
        return act(GroupAction.CREATE, group, null, !inviteOnly);
    }

    @Command(name = "join", description = "Join an open group, or one you were invited to.")
    int join(@Parameters(paramLabel = "GROUP", description = "#team@node-a") String group) throws Exception {
        return act(GroupAction.JOIN, group, null, null);
    }

    @Command(name = "leave", description = "Leave a group.")
    int leave(@Parameters(paramLabel = "GROUP") String group) throws Exception {
        return act(GroupAction.LEAVE, group, null, null);
    }

    @Command(name = "invite", description = "Invite a user (any member may).")
    int invite(@Parameters(paramLabel = "GROUP") String group,
               @Parameters(paramLabel = "USER", description = "bob@node-b") String user) throws Exception {
        return act(GroupAction.INVITE, group, user, null);
    }

    @Command(name = "kick", description = "Remove a member (the owner only).")
    int kick(@Parameters(paramLabel = "GROUP") String group, @Parameters(paramLabel = "USER") String user)
            throws Exception {
        return act(GroupAction.KICK, group, user, null);
    }

    @Command(name = "hand-over", description = "Make another member the owner (the owner only).")
    int handOver(@Parameters(paramLabel = "GROUP") String group, @Parameters(paramLabel = "USER") String user)
            throws Exception {
        return act(GroupAction.HAND_OVER, group, user, null);
    }

    @Command(name = "members", description = "List a group's members with their presence.")
    int members(@Parameters(paramLabel = "GROUP") String group) throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(spec.commandLine().getErr())) {
            GroupInfo info = Await.result(runtime.session().group(GroupAction.MEMBERS, group, null, null),
                    ClientRuntime.REQUEST_TIMEOUT, "asking " + group + " for its members");
            PrintWriter out = spec.commandLine().getOut();
            GroupLines.members(info, json).forEach(out::println);
            out.flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "Your groups, then the open groups of the network.")
    int list() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(spec.commandLine().getErr())) {
            GroupList groups = Await.result(runtime.session().groups(), ClientRuntime.REQUEST_TIMEOUT,
                    "listing groups");
            PrintWriter out = spec.commandLine().getOut();
            for (GroupList.GroupSummary group : groups.groups()) {
                out.println(json ? GroupLines.json(group) : GroupLines.text(group));
            }
            out.flush();
            return ExitCode.OK;
        }
    }

    private int act(GroupAction action, String group, String user, Boolean open) throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection()).noticesTo(spec.commandLine().getErr())) {
            GroupInfo info = Await.result(runtime.session().group(action, group, user, open),
                    ClientRuntime.REQUEST_TIMEOUT, action.word() + " " + group);
            PrintWriter out = spec.commandLine().getOut();
            out.println(json ? GroupLines.json(info) : GroupLines.text(info));
            out.flush();
            return ExitCode.OK;
        }
    }
}
