package org.parley.node.group;

import org.parley.federation.wire.EnvelopeKind;
import org.parley.protocol.message.GroupAction;
import org.parley.federation.Federation;
import org.parley.federation.FederationRefusal;
import org.parley.federation.wire.Envelope;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.GroupRequest;

/**
 * A user's request about a group: done here for groups of this node, else carried to the group's
 * home, whose answer comes back through the network (see {@link GroupEnvelopes}).
 */
public final class GroupRequestHandler implements FrameHandler<GroupRequest> {

    private final String nodeName;
    private final GroupHome home;
    private final Federation federation;

    public GroupRequestHandler(String nodeName, GroupHome home, Federation federation) {
        this.nodeName = nodeName;
        this.home = home;
        this.federation = federation;
    }

    @Override
    public void handle(ClientConnection connection, GroupRequest request, byte[] body) {
        String ref = request.id();
        if (ref == null || ref.isEmpty() || ref.length() > 64) {
            connection.fail(ErrorCode.BAD_REQUEST, "a group request needs an id of 1 to 64 characters", null);
            return;
        }
        if (request.action() == null) {
            connection.fail(ErrorCode.BAD_REQUEST, "no group action, or one this node does not know; one of "
                    + org.parley.protocol.message.Spelled.words(org.parley.protocol.message.GroupAction.values()), ref);
            return;
        }
        GroupAddress group;
        try {
            group = GroupAddress.parse(request.group(), nodeName);
            if (request.needsUser()) {
                org.parley.protocol.identity.UserAddress.parse(request.user(), nodeName);
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            connection.fail(ErrorCode.BAD_REQUEST, "bad group request: " + e.getMessage(), ref);
            return;
        }
        // Sent on as the user wrote it, but with the group's node spelled out for its home.
        GroupRequest qualified = new GroupRequest(ref, request.action(), group.toString(), request.user(),
                request.open());
        if (group.node().equals(nodeName)) {
            home.act(connection.user(), qualified).onComplete(done -> {
                if (done.succeeded()) {
                    connection.send(done.result());
                } else if (done.cause() instanceof GroupRefusal refusal) {
                    connection.execute(() -> connection.fail(refusal.code(), refusal.getMessage(), ref));
                } else {
                    connection.execute(() -> connection.fail(ErrorCode.INTERNAL, "the node could not change "
                            + group + "; try again", ref));
                }
            });
            return;
        }
        if (GroupAction.CREATE.equals(request.action())) {
            connection.fail(ErrorCode.BAD_REQUEST, "a group is created on your own node: #" + group.name() + "@"
                    + nodeName, ref);
            return;
        }
        federation.sendToNode(group.node(), EnvelopeKind.GROUP_REQUEST, ref, connection.qualifiedName(),
                group.toString(), null, GroupWire.write(qualified)).onFailure(e -> connection.execute(() ->
                connection.fail(e instanceof FederationRefusal refusal ? refusal.code() : ErrorCode.INTERNAL,
                        e instanceof FederationRefusal ? "no group " + group + ": " + e.getMessage()
                                : "could not reach " + group.node() + "; try again", ref)));
    }
}
