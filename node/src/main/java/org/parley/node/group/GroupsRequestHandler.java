package org.parley.node.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.parley.federation.Federation;
import org.parley.federation.gossip.GroupRecord;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupsRequest;

/**
 * Lists a user's groups (of this node, and of others as their homes told us) and the open groups
 * the network lists, the user's first.
 */
public final class GroupsRequestHandler implements FrameHandler<GroupsRequest> {

    private final String nodeName;
    private final GroupHome home;
    private final Memberships memberships;
    private final Federation federation;

    public GroupsRequestHandler(String nodeName, GroupHome home, Memberships memberships, Federation federation) {
        this.nodeName = nodeName;
        this.home = home;
        this.memberships = memberships;
        this.federation = federation;
    }

    @Override
    public void handle(ClientConnection connection, GroupsRequest request, byte[] body) {
        home.summaries(connection.qualifiedName()).onSuccess(local -> {
            List<GroupList.GroupSummary> mine = new ArrayList<>();
            List<GroupList.GroupSummary> open = new ArrayList<>();
            local.forEach(summary -> (summary.member() ? mine : open).add(summary));
            Set<String> elsewhere = memberships.of(connection.user().name());
            federation.directory().groups().forEach((address, record) -> {
                if (!address.node().equals(nodeName)) {
                    boolean member = elsewhere.contains(address.toString());
                    (member ? mine : open).add(summary(address, record, member));
                }
            });
            for (String group : elsewhere) {
                if (mine.stream().noneMatch(s -> s.group().equals(group))) {
                    // invite-only, so not listed: only its name and that we are in it are known here
                    mine.add(new GroupList.GroupSummary(group, null, false, 0, true));
                }
            }
            mine.sort(Comparator.comparing(GroupList.GroupSummary::group));
            open.sort(Comparator.comparing(GroupList.GroupSummary::group));
            mine.addAll(open);
            connection.send(new GroupList(request.id(), mine));
        });
    }

    private static GroupList.GroupSummary summary(GroupAddress address, GroupRecord record, boolean member) {
        return new GroupList.GroupSummary(address.toString(), record.owner(), true, record.members(), member);
    }
}
