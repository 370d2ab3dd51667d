package org.parley.node.group;

import org.parley.node.bus.ControlBus;

import org.parley.federation.wire.EnvelopeKind;
import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.GroupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.parley.federation.Federation;
import org.parley.federation.FederationRefusal;
import org.parley.federation.wire.Envelope;
import org.parley.node.mailbox.Mailboxes;
import org.parley.node.delivery.DeliveryPort;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupNotice;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups this node is home to: it alone changes their membership, and every message to one of
 * them passes here, so members see them in the order this node took them. A message goes once to
 * each node that has members (which stores it for them) and into the mailboxes of members here.
 * Everything runs on this verticle's context, one request at a time.
 */
public final class GroupHome extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(GroupHome.class);

    /** How many members a group may have: fan-out and notices grow with it. */
    public static final int MAX_MEMBERS = 10_000;

    private final String nodeName;
    private final String controlAddress;
    private final GroupStore store;
    private final Mailboxes mailboxes;
    private final DeliveryPort delivery;
    private final Federation federation;
    private final CoMembers coMembers;
    private final Map<String, GroupState> groups = new HashMap<>();
    private long notices;

    /**
     * @param controlAddress where the home takes {@link GroupControl} commands
     * @param federation     the node's, open before any group is used (its groups are published once it is)
     * @param coMembers      told the members of this node's groups as they stand
     */
    public GroupHome(String nodeName, String controlAddress, GroupStore store, Mailboxes mailboxes,
                     DeliveryPort delivery, Federation federation, CoMembers coMembers) {
        this.coMembers = coMembers;
        this.nodeName = nodeName;
        this.controlAddress = controlAddress;
        this.store = store;
        this.mailboxes = mailboxes;
        this.delivery = delivery;
        this.federation = federation;
    }

    @Override
    public Future<?> start() {
        return store.loadGroups().onSuccess(loaded -> {
            loaded.forEach(group -> {
                groups.put(group.address().name(), group);
                coMembers.replace(group.address().toString(), group.members());
            });
            if (!loaded.isEmpty()) {
                LOG.info("Home to {} group(s)", loaded.size());
            }
        }).compose(loaded -> vertx.eventBus().<GroupControl>consumer(controlAddress,
                command -> ControlBus.answer(command, command.body().on(this))).completion());
    }

    /** On the context ({@link GroupControl.PublishAll}): this node's open groups, into the directory. */
    void publishAll() {
        groups.values().forEach(this::publish);
    }

    /**
     * Does what {@code actor} asked with a group of this node.
     *
     * @return the group as it stands after; fails with a {@link GroupRefusal}
     */
    public Future<GroupInfo> act(UserAddress actor, GroupRequest request) {
        return onContext(() -> {
            String user = actor.toString();
            GroupAddress address = GroupAddress.parse(request.group(), nodeName);
            if (request.action() == null) {
                return refuse(ErrorCode.BAD_REQUEST, "no group action, or one this node does not know");
            }
            if (request.action() == GroupAction.CREATE) {
                return create(request.id(), address, user, !Boolean.FALSE.equals(request.open()));
            }
            GroupState group = groups.get(address.name());
            if (group == null) {
                return refuse(ErrorCode.NO_SUCH_GROUP, "no group " + address);
            }
            String subject = request.needsUser() ? UserAddress.parse(request.user(), actor.node()).toString() : null;
            return switch (request.action()) {
                case JOIN -> join(request.id(), group, user);
                case LEAVE -> leave(request.id(), group, user);
                case INVITE -> invite(request.id(), group, user, subject);
                case KICK -> kick(request.id(), group, user, subject);
                case HAND_OVER -> handOver(request.id(), group, user, subject);
                case MEMBERS -> group.open() || group.isMember(user)
                        ? Future.succeededFuture(info(request.id(), group))
                        : refuse(ErrorCode.NOT_MEMBER, address + " is invite-only; only its members see who is in it");
                case CREATE -> throw new IllegalStateException("created above");
            };
        });
    }

    /**
     * Takes a message {@code sender} wrote to a group of this node and passes it to every other
     * member: into the mailboxes of those here, and once to each node with members, through its
     * durable outbox.
     *
     * @return once all of that is on disk: how many sessions here had it handed at once, how many
     *         nodes it went to, and which it could not go to; fails with a {@link GroupRefusal}
     */
    public Future<GroupPost> post(String sender, String id, long sentAt, GroupAddress to, byte[] body) {
        return onContext(() -> {
            GroupState group = groups.get(to.name());
            if (group == null) {
                return refuse(ErrorCode.NO_SUCH_GROUP, "no group " + to);
            }
            if (!group.isMember(sender)) {
                // Said so to one who was kicked or left too: "join it first" misled them.
                return refuse(ErrorCode.NOT_MEMBER, sender + " is not a member of " + to + " (any more, if you"
                        + " were: removed by its owner, or you left); nothing was sent");
            }
            List<String> here = new ArrayList<>();
            Map<String, List<String>> elsewhere = new LinkedHashMap<>();
            for (String member : group.members()) {
                if (member.equals(sender)) {
                    continue;
                }
                UserAddress address = UserAddress.parse(member, nodeName);
                if (address.node().equals(nodeName)) {
                    here.add(address.name());
                } else {
                    elsewhere.computeIfAbsent(address.node(), n -> new ArrayList<>()).add(member);
                }
            }
            Future<Integer> local = mailboxes.depositAll(here, id, sender, to.toString(), sentAt, body);
            Map<String, Future<Void>> toNodes = new LinkedHashMap<>();
            elsewhere.forEach((node, members) -> toNodes.put(node, federation.sendToNode(node, EnvelopeKind.GROUP, id,
                    sender, to.toString(), members, body)));
            List<Future<?>> all = new ArrayList<>(toNodes.values());
            all.add(local);
            return Future.join(all).transform(done -> posted(local, toNodes));
        });
    }

    /**
     * The post's result once every part of it is settled. A node that cannot take it (it left the
     * network) is named in the answer, and the post stands for everyone else: failing it all, as
     * before, told the sender "not sent" while the other members had it, and scripts posted it
     * again. A full outbox toward a node still fails the post: that passes, and a retry with the same
     * id is dropped as a repeat by the members who had it.
     */
    private static Future<GroupPost> posted(Future<Integer> local, Map<String, Future<Void>> toNodes) {
        if (local.failed()) {
            return Future.failedFuture(local.cause());
        }
        Map<String, String> unreached = new LinkedHashMap<>();
        for (Map.Entry<String, Future<Void>> node : toNodes.entrySet()) {
            Throwable cause = node.getValue().cause();
            if (cause == null) {
                continue;
            }
            if (cause instanceof FederationRefusal refusal && refusal.code() == ErrorCode.QUEUE_FULL) {
                return Future.failedFuture(cause);
            }
            unreached.put(node.getKey(), cause.getMessage());
        }
        return Future.succeededFuture(new GroupPost(local.result(), toNodes.size() - unreached.size(), unreached));
    }

    /**
     * Whether {@code user} (qualified) is a member of {@code group}, a group of this node: what a
     * group's voice room admits by. Fails with a {@link GroupRefusal} if there is no such group here.
     */
    public Future<Boolean> isMember(GroupAddress group, String user) {
        return onContext(() -> {
            GroupState state = group.node().equals(nodeName) ? groups.get(group.name()) : null;
            return state == null ? refuse(ErrorCode.NO_SUCH_GROUP, "no group " + group)
                    : Future.succeededFuture(state.isMember(user));
        });
    }

    /** This user's groups here, then the open groups here they are not in. */
    public Future<List<GroupList.GroupSummary>> summaries(String user) {
        return onContext(() -> {
            List<GroupList.GroupSummary> mine = new ArrayList<>();
            List<GroupList.GroupSummary> open = new ArrayList<>();
            groups.values().stream().sorted(java.util.Comparator.comparing(g -> g.address().name())).forEach(g -> {
                boolean member = g.isMember(user);
                if (member || g.open()) {
                    (member ? mine : open).add(new GroupList.GroupSummary(g.address().toString(), g.owner(), g.open(),
                            g.members().size(), member));
                }
            });
            mine.addAll(open);
            return Future.succeededFuture(mine);
        });
    }

    private Future<GroupInfo> create(String ref, GroupAddress address, String owner, boolean open) {
        if (!address.node().equals(nodeName)) {
            return refuse(ErrorCode.BAD_REQUEST, "a group is created on your own node, " + nodeName + "; "
                    + address.node() + " is another");
        }
        if (groups.containsKey(address.name())) {
            return refuse(ErrorCode.GROUP_EXISTS, "there is already a group " + address);
        }
        GroupState group = GroupState.created(address, owner, open);
        LOG.info("{} created group {} ({})", owner, address, open ? "open" : "invite-only");
        return change(group, null).map(v -> info(ref, group));
    }

    private Future<GroupInfo> join(String ref, GroupState group, String user) {
        if (group.isMember(user)) {
            return Future.succeededFuture(info(ref, group));
        }
        if (!group.open() && !group.invited().contains(user)) {
            return refuse(ErrorCode.NOT_INVITED, group.address() + " is invite-only and " + user
                    + " was not invited; ask a member to invite you");
        }
        if (group.members().size() >= MAX_MEMBERS) {
            return refuse(ErrorCode.BAD_REQUEST, group.address() + " has " + MAX_MEMBERS + " members, as many as a"
                    + " group may have");
        }
        GroupState next = group.withMember(user);
        return change(next, new GroupNotice(next.address().toString(), GroupEvent.JOINED, user, user, next.epoch()))
                .map(v -> info(ref, next));
    }

    private Future<GroupInfo> leave(String ref, GroupState group, String user) {
        if (!group.isMember(user)) {
            return refuse(ErrorCode.NOT_MEMBER, user + " is not a member of " + group.address());
        }
        GroupState next = group.without(user);
        Future<Void> changed = change(next, new GroupNotice(next.address().toString(), GroupEvent.LEFT, user, user,
                next.epoch()), user);
        if (!next.owner().equals(group.owner()) && !next.members().isEmpty()) {
            notice(next, new GroupNotice(next.address().toString(), GroupEvent.OWNER, next.owner(), user, next.epoch()));
        }
        return changed.map(v -> info(ref, next));
    }

    private Future<GroupInfo> invite(String ref, GroupState group, String user, String invitee) {
        if (!group.isMember(user)) {
            return refuse(ErrorCode.NOT_MEMBER, "only members of " + group.address() + " may invite");
        }
        if (group.isMember(invitee) || group.invited().contains(invitee)) {
            return Future.succeededFuture(info(ref, group));
        }
        GroupState next = group.withInvited(invitee);
        return change(next, new GroupNotice(next.address().toString(), GroupEvent.INVITED, invitee, user,
                next.epoch()), invitee).map(v -> info(ref, next));
    }

    private Future<GroupInfo> kick(String ref, GroupState group, String user, String member) {
        if (!group.owner().equals(user)) {
            return refuse(ErrorCode.NOT_OWNER, "only the owner of " + group.address() + ", " + group.owner()
                    + ", may remove members");
        }
        if (!group.isMember(member)) {
            return refuse(ErrorCode.NOT_MEMBER, member + " is not a member of " + group.address());
        }
        if (member.equals(user)) {
            return refuse(ErrorCode.BAD_REQUEST, "the owner leaves a group with leave, not kick");
        }
        GroupState next = group.without(member);
        LOG.info("{} removed {} from group {}", user, member, group.address());
        return change(next, new GroupNotice(next.address().toString(), GroupEvent.REMOVED, member, user,
                next.epoch()), member).map(v -> info(ref, next));
    }

    private Future<GroupInfo> handOver(String ref, GroupState group, String user, String member) {
        if (!group.owner().equals(user)) {
            return refuse(ErrorCode.NOT_OWNER, "only the owner of " + group.address() + ", " + group.owner()
                    + ", may hand it over");
        }
        if (!group.isMember(member)) {
            return refuse(ErrorCode.NOT_MEMBER, member + " is not a member of " + group.address()
                    + "; a group is handed to one of its members");
        }
        GroupState next = group.ownedBy(member);
        return change(next, new GroupNotice(next.address().toString(), GroupEvent.OWNER, member, user,
                next.epoch())).map(v -> info(ref, next));
    }

    /**
     * Makes {@code next} the group's state at once (later requests see it), tells its members and
     * {@code alsoTell}, and completes once it is on disk.
     */
    private Future<Void> change(GroupState next, GroupNotice notice, String... alsoTell) {
        String name = next.address().name();
        Future<Void> saved;
        if (next.members().isEmpty()) {
            groups.remove(name);
            saved = store.delete(name);
            LOG.info("Group {} has no members left and is gone", next.address());
        } else {
            groups.put(name, next);
            saved = store.save(next);
        }
        coMembers.replace(next.address().toString(), next.members());
        if (notice != null) {
            notice(next, notice, alsoTell);
        }
        publish(next);
        return saved;
    }

    /** To the members' sessions here, and once to each other node with members (or {@code alsoTell}). */
    private void notice(GroupState group, GroupNotice notice, String... alsoTell) {
        Set<String> recipients = new LinkedHashSet<>(group.members());
        recipients.addAll(List.of(alsoTell));
        String id = "notice-" + nodeName + "-" + (++notices);
        delivery.toUsers(recipients, notice, (node, members) -> federation.sendToNode(node,
                EnvelopeKind.GROUP_NOTICE, id, null, group.address().toString(), members, GroupWire.write(notice))
                .onFailure(e -> LOG.warn("Could not tell node {} that {} {} group {}: {}", node, notice.user(),
                        notice.event(), group.address(), e.getMessage())));
    }

    /** Open groups are listed network-wide; the rest are known only to their members. */
    private void publish(GroupState group) {
        if (group.open() && !group.members().isEmpty()) {
            federation.publishGroup(group.address().name(), group.owner(), group.members().size());
        } else if (group.open()) {
            federation.removeGroup(group.address().name());
        }
    }

    private GroupInfo info(String ref, GroupState group) {
        List<GroupInfo.GroupMember> members = new ArrayList<>();
        for (String member : group.members()) {
            members.add(new GroupInfo.GroupMember(member, presenceOf(UserAddress.parse(member, nodeName))));
        }
        members.sort(java.util.Comparator.comparing((GroupInfo.GroupMember m) -> !m.user().equals(group.owner())));
        return new GroupInfo(ref, group.address().toString(), group.owner(), group.open(), group.epoch(), members);
    }

    private Presence presenceOf(UserAddress user) {
        if (user.node().equals(nodeName)) {
            return delivery.online(user.name()) ? Presence.ONLINE : Presence.OFFLINE;
        }
        if (!federation.reaches(user.node())) {
            return Presence.OFFLINE;
        }
        return federation.directory().user(user).map(record -> record.presence()).orElse(Presence.OFFLINE);
    }

    private <T> Future<T> onContext(Supplier<Future<T>> work) {
        Promise<T> result = Promise.promise();
        context.runOnContext(v -> {
            try {
                work.get().onComplete(result);
            } catch (IllegalArgumentException e) {
                result.fail(new GroupRefusal(ErrorCode.BAD_REQUEST, e.getMessage()));
            }
        });
        return result.future();
    }

    private static <T> Future<T> refuse(ErrorCode code, String message) {
        return Future.failedFuture(new GroupRefusal(code, message));
    }
}
