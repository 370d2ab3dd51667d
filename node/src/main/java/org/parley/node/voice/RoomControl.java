package org.parley.node.voice;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.federation.Federation;
import org.parley.federation.voice.VoiceLinks;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.node.delivery.DeliveryPort;
import org.parley.node.session.ClientConnection;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is in which voice room: joins, leaves and questions of this node's sessions (done here for
 * rooms this node is home to, asked of the home otherwise), the same from other nodes for rooms of
 * this node, the homes' answers and news, and news of every change to everyone in the room (and to
 * the other party of a call). Numbers and epochs come from the room's home alone. Runs on the relay's
 * context only; work that completes elsewhere comes back to it.
 */
final class RoomControl {

    private static final Logger LOG = LoggerFactory.getLogger(RoomControl.class);

    /** A question to another node's room, waiting for the home's answer. */
    private record Pending(VoiceAction action, Leg leg, ClientConnection session, String ref, Room room,
                           long deadline) {
    }

    private final String self;
    private final Context context;
    private final int port;
    private final Legs legs;
    private final HomeRooms homes;
    private final RemoteRooms remotes;
    private final VoiceLinks links;
    private final Federation federation;
    private final RoomAdmission admission;
    private final DeliveryPort delivery;
    private final VoiceTimings timings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pending> pending = new HashMap<>();
    private long lastLeg;
    private long lastEnvelope;
    private long checkedMembersAt = System.nanoTime();

    /** How often the home asks again whether its group rooms' participants are still the groups' members. */
    private static final long MEMBERS_CHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    /** @param port this node's voice port, which joiners are told to send to */
    RoomControl(String self, Context context, int port, Legs legs, HomeRooms homes, RemoteRooms remotes,
                Federation federation, RoomAdmission admission, DeliveryPort delivery, VoiceTimings timings) {
        this.self = self;
        this.context = context;
        this.port = port;
        this.legs = legs;
        this.homes = homes;
        this.remotes = remotes;
        this.links = federation.voice();
        this.federation = federation;
        this.admission = admission;
        this.delivery = delivery;
        this.timings = timings;
    }

    // ---- this node's sessions ----

    /** {@code session} joins {@code room}, leaving the room it was in. */
    void join(ClientConnection session, String ref, Room room, long now) {
        Leg before = legs.bySession(session);
        if (before != null) {
            leave(before, now);
        }
        Leg leg = new Leg(++lastLeg, session, room, VoiceToken.random(random), now);
        legs.add(leg);
        if (room.home().equals(self)) {
            admission.refusal(room, leg.user).onComplete(checked -> onContext(() -> admittedHere(leg, ref, checked)));
        } else if (links.generation(room.home()) == 0) {
            legs.remove(leg);
            fail(session, new ErrorFrame(ErrorCode.NODE_UNREACHABLE, "node " + room.home() + ", where "
                    + room.nameFor(leg.user) + "'s voice room is, is not linked with " + self + " now; voice travels"
                    + " only between linked nodes", ref));
        } else {
            ask(VoiceAction.JOIN, leg, session, ref, room, now);
        }
    }

    private void admittedHere(Leg leg, String ref, AsyncResult<ErrorFrame> checked) {
        if (legs.byId(leg.id) != leg) {
            return; // it left, or its session ended, while the group home was asked
        }
        ErrorFrame refusal = refusalOf(checked, leg.room);
        if (refusal != null) {
            legs.remove(leg);
            fail(leg.session, new ErrorFrame(refusal.code(), refusal.message(), ref));
            return;
        }
        long now = System.nanoTime();
        HomeRoom.Member member = homes.join(leg.room, self, leg.id, leg.user, 0);
        HomeRoom home = homes.get(leg.room);
        enter(leg, home.number, member.ssrc, home.epoch, home.roster(now, speakingNanos()), ref, now);
        announce(home, now);
    }

    private void enter(Leg leg, long roomNumber, int ssrc, long epoch, List<VoiceRoom.Participant> roster, String ref,
                       long now) {
        leg.state = Leg.State.IN;
        leg.roomNumber = roomNumber;
        leg.ssrc = ssrc;
        leg.toldEpoch = epoch;
        leg.lastHeardNanos = now;
        leg.session.send(new VoiceJoined(ref, leg.room.nameFor(leg.user), leg.token.encoded(), port, ssrc, epoch,
                roster));
        LOG.info("{} joined voice room {} as ssrc {}", leg.user, leg.room, ssrc);
    }

    /** {@code session} leaves its room ({@code voice-leave}). */
    void leave(ClientConnection session, String ref, long now) {
        Leg leg = legs.bySession(session);
        if (leg == null) {
            fail(session, new ErrorFrame(ErrorCode.BAD_REQUEST, "this session is in no voice room", ref));
            return;
        }
        VoiceRoom after = leave(leg, now);
        session.send(new VoiceRoom(ref, after.room(), after.epoch(), after.participants()));
        LOG.info("{} left voice room {}", leg.user, leg.room);
    }

    /** {@code session} ended: out of its room. */
    void closed(ClientConnection session, long now) {
        Leg leg = legs.bySession(session);
        if (leg != null) {
            leave(leg, now);
            LOG.info("{} left voice room {}: its session ended", leg.user, leg.room);
        }
    }

    /**
     * Takes {@code leg} out of its room, and says so to the home if it is another node.
     *
     * @return the room as this node knows it after: at the home, as it is; elsewhere, as the home last
     *         said, without the leg (the others hear the home's new epoch)
     */
    private VoiceRoom leave(Leg leg, long now) {
        legs.remove(leg);
        Room room = leg.room;
        String name = room.nameFor(leg.user);
        if (room.home().equals(self)) {
            HomeRoom home = homes.get(room);
            if (home == null) {
                return new VoiceRoom(null, name, 0, List.of());
            }
            if (homes.leave(home, self, leg.id) != null) {
                announce(home, now);
            }
            return new VoiceRoom(null, name, home.epoch, home.roster(now, speakingNanos()));
        }
        if (leg.state == Leg.State.IN) {
            tellHomeLeft(room, leg.user, leg.id);
        }
        RemoteRoom remote = remotes.get(room);
        if (remote == null) {
            return new VoiceRoom(null, name, 0, List.of());
        }
        if (legs.in(room).isEmpty()) {
            remotes.remove(remote);
        }
        List<VoiceRoom.Participant> without = new ArrayList<>(remote.roster);
        without.removeIf(participant -> participant.ssrc() == leg.ssrc && participant.user().equals(leg.user));
        return new VoiceRoom(null, name, remote.epoch, without);
    }

    /** Who is in {@code room}, for {@code session} ({@code voice-who}). */
    void who(ClientConnection session, String ref, Room room, long now) {
        String user = session.qualifiedName();
        if (room.home().equals(self)) {
            admission.refusal(room, user).onComplete(checked -> onContext(() -> {
                ErrorFrame refusal = refusalOf(checked, room);
                if (refusal != null) {
                    fail(session, new ErrorFrame(refusal.code(), refusal.message(), ref));
                    return;
                }
                HomeRoom home = homes.get(room);
                session.send(home == null ? new VoiceRoom(ref, room.nameFor(user), 0, List.of())
                        : new VoiceRoom(ref, room.nameFor(user), home.epoch, home.roster(System.nanoTime(),
                        speakingNanos())));
            }));
        } else if (!federation.reaches(room.home())) {
            fail(session, new ErrorFrame(ErrorCode.NODE_UNREACHABLE, "node " + room.home() + ", where "
                    + room.nameFor(user) + "'s voice room is, is unreachable", ref));
        } else {
            ask(VoiceAction.WHO, null, session, ref, room, now);
        }
    }

    private void ask(VoiceAction action, Leg leg, ClientConnection session, String ref, Room room, long now) {
        String id = envelopeId();
        pending.put(id, new Pending(action, leg, session, ref, room, now + timings.answerWait().toNanos()));
        federation.sendToNode(room.home(), EnvelopeKind.VOICE_REQUEST, id, session.qualifiedName(), room.atHome(),
                null, VoiceWire.write(new VoiceWire.Ask(action, leg == null ? 0 : leg.id)))
                .onFailure(e -> onContext(() -> {
                    Pending asked = pending.remove(id);
                    if (asked != null) {
                        unanswered(asked, "node " + room.home() + " cannot be reached: " + e.getMessage());
                    }
                }));
    }

    private void tellHomeLeft(Room room, String user, long leg) {
        federation.sendToNode(room.home(), EnvelopeKind.VOICE_REQUEST, envelopeId(), user, room.atHome(), null,
                VoiceWire.write(new VoiceWire.Ask(VoiceAction.LEAVE, leg))).onFailure(e -> LOG.debug(
                "Could not tell node {} that {} left voice room {}: {}", room.home(), user, room, e.getMessage()));
    }

    private void unanswered(Pending asked, String why) {
        if (asked.action == VoiceAction.JOIN) {
            if (legs.byId(asked.leg.id) != asked.leg || asked.leg.state != Leg.State.JOINING) {
                return;
            }
            legs.remove(asked.leg);
        }
        fail(asked.session, new ErrorFrame(ErrorCode.NODE_UNREACHABLE, why, asked.ref));
    }

    // ---- other nodes, about rooms of this node ----

    /** A user of node {@code origin} asks something of a room of this node. */
    void asked(String origin, String id, String user, Room room, VoiceWire.Ask ask, long now) {
        switch (ask.action()) {
            case JOIN -> {
                long generation = links.generation(origin);
                if (generation == 0) {
                    reply(origin, id, user, VoiceWire.Answer.refused(ask, room, ErrorCode.NODE_UNREACHABLE, "node "
                            + self + " has no voice path to node " + origin + " now; try again"));
                    return;
                }
                admission.refusal(room, user).onComplete(checked -> onContext(() -> {
                    ErrorFrame refusal = refusalOf(checked, room);
                    if (refusal != null) {
                        reply(origin, id, user, VoiceWire.Answer.refused(ask, room, refusal.code(), refusal.message()));
                        return;
                    }
                    if (links.generation(origin) != generation) {
                        reply(origin, id, user, VoiceWire.Answer.refused(ask, room, ErrorCode.NODE_UNREACHABLE,
                                "the link between " + self + " and " + origin + " dropped; try again"));
                        return;
                    }
                    long at = System.nanoTime();
                    HomeRoom.Member member = homes.join(room, origin, ask.leg(), user, generation);
                    HomeRoom home = homes.get(room);
                    reply(origin, id, user, new VoiceWire.Answer(VoiceAction.JOIN, ask.leg(), room.atHome(),
                            home.number, home.epoch, member.ssrc, home.roster(at, speakingNanos()), null, null));
                    LOG.info("{} joined voice room {} as ssrc {}", user, room, member.ssrc);
                    announce(home, at);
                }));
            }
            case LEAVE -> {
                HomeRoom home = homes.get(room);
                if (home != null && homes.leave(home, origin, ask.leg()) != null) {
                    LOG.info("{} left voice room {}", user, room);
                    announce(home, now);
                }
            }
            case WHO -> admission.refusal(room, user).onComplete(checked -> onContext(() -> {
                ErrorFrame refusal = refusalOf(checked, room);
                HomeRoom home = homes.get(room);
                reply(origin, id, user, refusal != null
                        ? VoiceWire.Answer.refused(ask, room, refusal.code(), refusal.message())
                        : home == null ? new VoiceWire.Answer(VoiceAction.WHO, 0, room.atHome(), 0, 0, 0, List.of(),
                        null, null)
                        : new VoiceWire.Answer(VoiceAction.WHO, 0, room.atHome(), home.number, home.epoch, 0,
                        home.roster(System.nanoTime(), speakingNanos()), null, null));
            }));
        }
    }

    private void reply(String origin, String id, String user, VoiceWire.Answer answer) {
        federation.sendToNode(origin, EnvelopeKind.VOICE_REPLY, id, null, user, null, VoiceWire.write(answer))
                .onFailure(e -> LOG.warn("Could not answer {}'s voice request about {} at node {}: {}", user,
                        answer.at(), origin, e.getMessage()));
    }

    // ---- homes of other nodes' rooms, about this node's sessions ----

    /** The home of a room, node {@code origin}, answers a question of a user of this node. */
    void answered(String origin, String id, String user, VoiceWire.Answer answer, long now) {
        Pending asked = pending.remove(id);
        if (asked == null || !asked.room.home().equals(origin)) {
            if (answer.action() == VoiceAction.JOIN && answer.code() == null) {
                // Asked long ago (it waited out the link, say) for a session that gave up: out again.
                tellHomeLeft(Room.fromEnvelope(answer.at(), user), user, answer.leg());
            }
            return;
        }
        if (asked.action == VoiceAction.WHO) {
            if (answer.code() != null) {
                fail(asked.session, new ErrorFrame(answer.code(), answer.message(), asked.ref));
            } else {
                asked.session.send(new VoiceRoom(asked.ref, asked.room.nameFor(user), answer.epoch(),
                        answer.participants()));
            }
            return;
        }
        Leg leg = asked.leg;
        boolean stillJoining = legs.byId(leg.id) == leg && leg.state == Leg.State.JOINING;
        if (answer.code() != null) {
            if (stillJoining) {
                legs.remove(leg);
                fail(asked.session, new ErrorFrame(answer.code(), answer.message(), asked.ref));
            }
            return;
        }
        long generation = links.generation(origin);
        if (!stillJoining || generation == 0) {
            tellHomeLeft(leg.room, user, leg.id);
            if (stillJoining) {
                unanswered(asked, "the link between " + self + " and " + origin + " dropped; try again");
            }
            return;
        }
        RemoteRoom remote = remotes.answered(leg.room, answer.room(), generation);
        remote.heard(answer.epoch(), answer.participants());
        enter(leg, answer.room(), answer.ssrc(), answer.epoch(), answer.participants(), asked.ref, now);
    }

    /** The home of a room, node {@code origin}, tells users of this node who is in it now. */
    void noticed(String origin, String atHome, List<String> members, VoiceWire.News news) {
        for (String member : members) {
            Room room = Room.fromEnvelope(atHome, member);
            RemoteRoom remote = remotes.get(room);
            if (remote != null && remote.number == news.room()) {
                remote.heard(news.epoch(), news.participants());
            }
            boolean inRoom = false;
            for (Leg leg : List.copyOf(legs.in(room))) {
                if (!leg.user.equals(member)) {
                    continue;
                }
                inRoom = true;
                boolean current = news.epoch() >= leg.toldEpoch;
                tell(leg, news.epoch(), news.participants());
                if (current && leg.state == Leg.State.IN && news.participants().stream()
                        .noneMatch(p -> p.ssrc() == leg.ssrc && p.user().equals(leg.user))) {
                    legs.remove(leg); // the home took it out: removed from the group, say
                    LOG.info("{} is out of voice room {}: its home, node {}, took it out", leg.user, room, origin);
                }
            }
            if (remote != null && legs.in(room).isEmpty()) {
                remotes.remove(remote);
            }
            if (!inRoom && room instanceof Room.Call) {
                delivery.toSessions(nameOf(member), new VoiceRoom(null, room.nameFor(member), news.epoch(),
                        news.participants()));
            }
        }
    }

    // ---- news ----

    /**
     * Everyone in {@code home}'s room hears who is in it now: this node's sessions at once (those not
     * told already), each other node with participants once; and for a call, the party not in it.
     */
    private void announce(HomeRoom home, long now) {
        announce(home, now, List.of());
    }

    /** As {@link #announce(HomeRoom, long)}, telling also the nodes of {@code removed}, who are out. */
    private void announce(HomeRoom home, long now, List<HomeRoom.Member> removed) {
        Room room = home.room;
        long epoch = home.epoch;
        List<VoiceRoom.Participant> roster = home.roster(now, speakingNanos());
        for (Leg leg : legs.in(room)) {
            tell(leg, epoch, roster);
        }
        Map<String, Set<String>> elsewhere = new LinkedHashMap<>();
        List<HomeRoom.Member> told = new ArrayList<>(home.members());
        told.addAll(removed);
        for (HomeRoom.Member member : told) {
            if (!member.node.equals(self)) {
                elsewhere.computeIfAbsent(member.node, n -> new LinkedHashSet<>()).add(member.user);
            }
        }
        if (room instanceof Room.Call call) {
            for (String party : List.of(call.first(), call.second())) {
                String node = party.substring(party.indexOf('@') + 1);
                if (node.equals(self) && !legs.hasUserIn(room, party)) {
                    delivery.toSessions(nameOf(party), new VoiceRoom(null, room.nameFor(party), epoch, roster));
                } else if (!node.equals(self)) {
                    elsewhere.computeIfAbsent(node, n -> new LinkedHashSet<>()).add(party);
                }
            }
        }
        if (elsewhere.isEmpty()) {
            return;
        }
        byte[] body = VoiceWire.write(new VoiceWire.News(home.number, epoch, roster));
        elsewhere.forEach((node, users) -> federation.sendToNode(node, EnvelopeKind.VOICE_NOTICE, envelopeId(), null,
                room.atHome(), List.copyOf(users), body).onFailure(e -> LOG.warn("Could not tell node {} who is in"
                + " voice room {}: {}", node, room, e.getMessage())));
    }

    /** News for one session in a room, unless it has heard of this epoch or a later one. */
    private static void tell(Leg leg, long epoch, List<VoiceRoom.Participant> roster) {
        if (leg.state == Leg.State.IN && leg.toldEpoch < epoch) {
            leg.toldEpoch = epoch;
            leg.session.send(new VoiceRoom(null, leg.room.nameFor(leg.user), epoch, roster));
        }
    }

    // ---- time ----

    /**
     * Once per sweep: sessions silent too long are out; participants on a node whose voice path changed
     * (its link dropped) are out of this node's rooms; this node's sessions in rooms whose home's path
     * changed are out; questions unanswered too long are answered {@code NODE_UNREACHABLE}.
     */
    void sweep(long now) {
        if (now - checkedMembersAt >= MEMBERS_CHECK_NANOS) {
            checkedMembersAt = now;
            checkMembers();
        }
        long silence = timings.silence().toNanos();
        for (Leg leg : legs.all()) {
            if (leg.state == Leg.State.IN && now - leg.lastHeardNanos > silence) {
                VoiceRoom after = leave(leg, now);
                leg.session.send(after);
                LOG.info("{} dropped out of voice room {}: nothing heard from it for {} s", leg.user, leg.room,
                        timings.silence().toSeconds());
            }
        }
        for (HomeRoom home : homes.all()) {
            boolean changed = false;
            for (HomeRoom.Member member : List.copyOf(home.members())) {
                if (!member.node.equals(self) && links.generation(member.node) != member.generation) {
                    homes.leave(home, member.node, member.leg);
                    LOG.info("{} is out of voice room {}: the link with node {} dropped", member.user, home.room,
                            member.node);
                    changed = true;
                }
            }
            if (changed) {
                announce(home, now);
            }
        }
        for (RemoteRoom remote : remotes.all()) {
            if (links.generation(remote.room.home()) != remote.generation) {
                remotes.remove(remote);
                for (Leg leg : List.copyOf(legs.in(remote.room))) {
                    if (leg.state == Leg.State.IN) {
                        legs.remove(leg);
                        tellHomeLeft(leg.room, leg.user, leg.id);
                        leg.session.send(new VoiceRoom(null, leg.room.nameFor(leg.user), remote.epoch, List.of()));
                        LOG.info("{} is out of voice room {}: the link with its home, node {}, dropped", leg.user,
                                leg.room, leg.room.home());
                    }
                }
            }
        }
        pending.entrySet().removeIf(entry -> {
            if (now - entry.getValue().deadline < 0) {
                return false;
            }
            unanswered(entry.getValue(), "node " + entry.getValue().room.home() + " did not answer in "
                    + timings.answerWait().toSeconds() + " s; try again");
            return true;
        });
    }

    /**
     * Participants of this node's group rooms who are no longer members of the group (they left it, or
     * were removed) are taken out: they get no key of the next epoch, which their leaving starts.
     */
    private void checkMembers() {
        for (HomeRoom home : homes.all()) {
            if (!(home.room instanceof Room.Group)) {
                continue;
            }
            for (HomeRoom.Member member : List.copyOf(home.members())) {
                admission.refusal(home.room, member.user).onComplete(checked -> onContext(() -> {
                    if (checked.failed() || checked.result() == null || home.member(member.node, member.leg) != member) {
                        return;
                    }
                    long now = System.nanoTime();
                    homes.leave(home, member.node, member.leg);
                    LOG.info("{} is out of voice room {}: not a member of the group any more", member.user, home.room);
                    Leg leg = member.node.equals(self) ? legs.byId(member.leg) : null;
                    if (leg != null) {
                        legs.remove(leg);
                        leg.session.send(new VoiceRoom(null, home.room.nameFor(leg.user), home.epoch,
                                home.roster(now, speakingNanos())));
                    }
                    announce(home, now, List.of(member));
                }));
            }
        }
    }

    // ---- small helpers ----

    private long speakingNanos() {
        return timings.speaking().toNanos();
    }

    private String envelopeId() {
        return "voice-" + self + "-" + (++lastEnvelope);
    }

    private void onContext(Runnable work) {
        context.runOnContext(v -> work.run());
    }

    /** What a check said, or INTERNAL if it failed to say. */
    private static ErrorFrame refusalOf(AsyncResult<ErrorFrame> checked, Room room) {
        if (checked.failed()) {
            LOG.error("Could not check who may be in voice room {}", room, checked.cause());
            return ErrorFrame.of(ErrorCode.BAD_REQUEST, "the node could not check who may be in " + room
                    + "; try again");
        }
        return checked.result();
    }

    private static void fail(ClientConnection session, ErrorFrame error) {
        session.execute(() -> session.fail(error));
    }

    private static String nameOf(String qualified) {
        return qualified.substring(0, qualified.indexOf('@'));
    }
}
