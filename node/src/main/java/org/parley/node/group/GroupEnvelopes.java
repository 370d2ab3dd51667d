package org.parley.node.group;

import org.parley.federation.wire.Refusal;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.protocol.message.GroupEvent;
import io.vertx.core.Future;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.federation.Federation;
import org.parley.federation.delivery.EnvelopeHandler;
import org.parley.federation.gossip.Directory;
import org.parley.federation.wire.Envelope;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.delivery.DeliveryPort;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupNotice;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the network brings about groups: posts to groups of this node and requests about them
 * (which go to the {@link GroupHome}), and from other groups' homes their messages, answers and
 * notices for users of this node. Only a group's home may speak for it, and a node only for its own
 * users: anything else is refused and logged.
 */
public final class GroupEnvelopes {

    private static final Logger LOG = LoggerFactory.getLogger(GroupEnvelopes.class);

    private final String nodeName;
    private final GroupHome home;
    private final Memberships memberships;
    private final CoMembers coMembers;
    private final Mailboxes mailboxes;
    private final DeliveryPort delivery;
    private final Directory directory;
    private final Federation federation;

    /**
     * @param federation where answers to other nodes' requests go back through
     * @param coMembers  told what other groups' homes say of their members
     */
    public GroupEnvelopes(String nodeName, GroupHome home, Memberships memberships, CoMembers coMembers,
                          Mailboxes mailboxes, DeliveryPort delivery, Directory directory, Federation federation) {
        this.coMembers = coMembers;
        this.nodeName = nodeName;
        this.home = home;
        this.memberships = memberships;
        this.mailboxes = mailboxes;
        this.delivery = delivery;
        this.directory = directory;
        this.federation = federation;
    }

    /** The handlers of the group kinds, by kind. */
    public Map<EnvelopeKind, EnvelopeHandler> handlers() {
        Map<EnvelopeKind, EnvelopeHandler> handlers = new EnumMap<>(EnvelopeKind.class);
        handlers.put(EnvelopeKind.GROUP, this::fanIn);
        handlers.put(EnvelopeKind.GROUP_REQUEST, this::request);
        handlers.put(EnvelopeKind.GROUP_REPLY, this::reply);
        handlers.put(EnvelopeKind.GROUP_NOTICE, this::notice);
        return handlers;
    }

    /** A user of the origin writes to a group of this node ({@code chat} addressed to a group). */
    public Future<Optional<Refusal>> post(Envelope envelope, byte[] body) {
        GroupAddress group = GroupAddress.parse(envelope.to(), nodeName);
        if (!group.node().equals(nodeName)) {
            return refused(envelope, "group " + group + " is not this node's");
        }
        if (!UserAddress.parse(envelope.from(), nodeName).node().equals(envelope.origin())) {
            return refused(envelope, "its sender " + envelope.from() + " is not a user of that node");
        }
        return home.post(envelope.from(), envelope.id(), envelope.sentAt(), group, body)
                .transform(posted -> posted.succeeded() ? EnvelopeHandler.TAKEN
                        : posted.cause() instanceof GroupRefusal refusal
                        ? EnvelopeHandler.refusal(refusal.code() == ErrorCode.NOT_MEMBER ? Refusal.NOT_MEMBER
                        : Refusal.NO_GROUP)
                        : Future.failedFuture(posted.cause()));
    }

    /** A group's home hands over a message for members of this node. */
    private Future<Optional<Refusal>> fanIn(Envelope envelope, byte[] body) {
        GroupAddress group = GroupAddress.parse(envelope.to(), nodeName);
        if (!group.node().equals(envelope.origin())) {
            return refused(envelope, "group " + group + " is not that node's to speak for");
        }
        if (envelope.members() == null) {
            return refused(envelope, "it names no members");
        }
        List<String> local = new ArrayList<>();
        for (String member : envelope.members()) {
            UserAddress address = UserAddress.parse(member, nodeName);
            if (!address.node().equals(nodeName) || directory.user(address).isEmpty()) {
                LOG.debug("Group message {} of {} names {}, no user of this node; skipped", envelope.id(), group,
                        member);
                continue;
            }
            local.add(address.name());
        }
        coMembers.seen(group.toString(), UserAddress.parse(envelope.from(), nodeName).toString());
        return mailboxes.depositAll(local, envelope.id(), envelope.from(), group.toString(), envelope.sentAt(), body)
                .compose(sessions -> EnvelopeHandler.TAKEN);
    }

    /** A user of the origin asks something of a group of this node; the answer goes back to them. */
    private Future<Optional<Refusal>> request(Envelope envelope, byte[] body) throws IOException {
        ClientMessage message = GroupWire.readClient(body);
        if (!(message instanceof GroupRequest request)) {
            return refused(envelope, "its body is not a group request");
        }
        UserAddress actor = UserAddress.parse(envelope.from(), nodeName);
        if (!actor.node().equals(envelope.origin())) {
            return refused(envelope, "its sender " + envelope.from() + " is not a user of that node");
        }
        Future<ServerMessage> answer;
        if (request.group() == null || !GroupAddress.parse(request.group(), nodeName).node().equals(nodeName)) {
            answer = Future.succeededFuture(new ErrorFrame(ErrorCode.BAD_REQUEST, "group " + request.group()
                    + " is not a group of " + nodeName, request.id()));
        } else {
            answer = home.act(actor, request).map(info -> (ServerMessage) info).recover(e -> e instanceof GroupRefusal r
                    ? Future.succeededFuture(new ErrorFrame(r.code(), r.getMessage(), request.id()))
                    : Future.failedFuture(e));
        }
        return answer.compose(reply -> federation.sendToNode(envelope.origin(), EnvelopeKind.GROUP_REPLY,
                envelope.id(), null, actor.toString(), null, GroupWire.write(reply))).compose(sent -> EnvelopeHandler.TAKEN);
    }

    /** A group's home answers a user of this node. */
    private Future<Optional<Refusal>> reply(Envelope envelope, byte[] body) throws IOException {
        UserAddress to = UserAddress.parse(envelope.to(), nodeName);
        ServerMessage answer = GroupWire.readServer(body);
        if (!to.node().equals(nodeName)) {
            return refused(envelope, "its recipient " + to + " is not a user of this node");
        }
        if (answer instanceof GroupInfo info) {
            GroupAddress group = GroupAddress.parse(info.group(), nodeName);
            if (!group.node().equals(envelope.origin())) {
                return refused(envelope, "it describes group " + group + ", not that node's");
            }
            memberships.set(to.name(), group.toString(),
                    info.members().stream().anyMatch(m -> m.user().equals(to.toString())));
            coMembers.replace(group.toString(), info.members().stream().map(GroupInfo.GroupMember::user).toList());
        } else if (!(answer instanceof ErrorFrame)) {
            return refused(envelope, "its body is not a group answer");
        }
        delivery.toSessions(to.name(), answer);
        return EnvelopeHandler.TAKEN;
    }

    /** A group's home tells users of this node that its membership changed. */
    private Future<Optional<Refusal>> notice(Envelope envelope, byte[] body) throws IOException {
        if (!(GroupWire.readServer(body) instanceof GroupNotice notice) || envelope.members() == null) {
            return refused(envelope, "its body is not a group notice");
        }
        if (notice.event() == null) {
            return refused(envelope, "it tells of a change this node does not know");
        }
        GroupAddress group = GroupAddress.parse(notice.group(), nodeName);
        if (!group.node().equals(envelope.origin())) {
            return refused(envelope, "it is about group " + group + ", not that node's");
        }
        UserAddress subject = UserAddress.parse(notice.user(), nodeName);
        if (subject.node().equals(nodeName) && notice.event() != GroupEvent.INVITED
                && notice.event() != GroupEvent.OWNER) {
            memberships.set(subject.name(), group.toString(), notice.event() == GroupEvent.JOINED);
        } else if (notice.event() == GroupEvent.JOINED) {
            coMembers.joined(group.toString(), subject.toString());
        } else if (notice.event() != GroupEvent.INVITED && notice.event() != GroupEvent.OWNER) {
            coMembers.left(group.toString(), subject.toString());
        }
        byte[] frame = FrameEncoder.server().encode(notice);
        for (String member : envelope.members()) {
            UserAddress address = UserAddress.parse(member, nodeName);
            if (address.node().equals(nodeName)) {
                delivery.toSessions(address.name(), frame);
            }
        }
        return EnvelopeHandler.TAKEN;
    }

    private Future<Optional<Refusal>> refused(Envelope envelope, String why) {
        LOG.warn("Refused a {} envelope ({}) from node {}: {}", envelope.kind(), envelope.id(), envelope.origin(), why);
        return EnvelopeHandler.refusal(Refusal.REFUSED);
    }
}
