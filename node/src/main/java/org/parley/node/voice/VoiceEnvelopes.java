package org.parley.node.voice;

import io.vertx.core.Future;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.parley.federation.delivery.EnvelopeHandler;
import org.parley.federation.wire.Envelope;
import org.parley.federation.wire.EnvelopeKind;
import org.parley.federation.wire.Refusal;
import org.parley.protocol.identity.UserAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the network brings about voice rooms: requests of other nodes' users about rooms of this node,
 * and from other rooms' homes their answers and news for users of this node. Only a room's home speaks
 * for it (the origin rules already checked that each names what it may); anything else is refused and
 * logged. Handed to the {@link VoiceRelay}.
 */
public final class VoiceEnvelopes {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceEnvelopes.class);

    private final String nodeName;
    private final VoiceRelay relay;

    public VoiceEnvelopes(String nodeName, VoiceRelay relay) {
        this.nodeName = nodeName;
        this.relay = relay;
    }

    /** The handlers of the voice kinds, by kind. */
    public Map<EnvelopeKind, EnvelopeHandler> handlers() {
        Map<EnvelopeKind, EnvelopeHandler> handlers = new EnumMap<>(EnvelopeKind.class);
        handlers.put(EnvelopeKind.VOICE_REQUEST, this::request);
        handlers.put(EnvelopeKind.VOICE_REPLY, this::reply);
        handlers.put(EnvelopeKind.VOICE_NOTICE, this::notice);
        return handlers;
    }

    private Future<Optional<Refusal>> request(Envelope envelope, byte[] body) throws IOException {
        VoiceWire.Ask ask = VoiceWire.ask(body);
        if (ask.action() == null) {
            return refused(envelope, "it asks something this node does not know");
        }
        Room room = Room.fromEnvelope(envelope.to(), envelope.from());
        if (!room.home().equals(nodeName)) {
            return refused(envelope, "room " + room + " is not this node's");
        }
        relay.asked(envelope.origin(), envelope.id(), envelope.from(), room, ask);
        return EnvelopeHandler.TAKEN;
    }

    private Future<Optional<Refusal>> reply(Envelope envelope, byte[] body) throws IOException {
        VoiceWire.Answer answer = VoiceWire.answer(body);
        if (answer.action() == null || answer.at() == null) {
            return refused(envelope, "it answers something this node does not know");
        }
        Room room = Room.fromEnvelope(answer.at(), envelope.to());
        if (!room.home().equals(envelope.origin())) {
            return refused(envelope, "it answers about room " + room + ", not that node's");
        }
        relay.answered(envelope.origin(), envelope.id(), UserAddress.parse(envelope.to(), null).toString(), answer);
        return EnvelopeHandler.TAKEN;
    }

    private Future<Optional<Refusal>> notice(Envelope envelope, byte[] body) throws IOException {
        VoiceWire.News news = VoiceWire.news(body);
        for (String member : envelope.members()) {
            Room room = Room.fromEnvelope(envelope.to(), member);
            if (!room.home().equals(envelope.origin())) {
                return refused(envelope, "it tells of room " + room + ", not that node's");
            }
            if (room instanceof Room.Call call && !call.party(member)) {
                return refused(envelope, "it names " + member + ", who is not in call " + call);
            }
        }
        relay.noticed(envelope.origin(), envelope.to(), envelope.members(), news);
        return EnvelopeHandler.TAKEN;
    }

    private static Future<Optional<Refusal>> refused(Envelope envelope, String why) {
        LOG.warn("Refused a {} envelope ({}) from node {}: {}", envelope.kind(), envelope.id(), envelope.origin(), why);
        return EnvelopeHandler.refusal(Refusal.REFUSED);
    }
}
