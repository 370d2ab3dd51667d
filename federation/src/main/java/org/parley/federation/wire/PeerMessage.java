package org.parley.federation.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame header on a link between two nodes. Links use the client protocol's framing (length
 * prefix, JSON header, raw body) with their own family of headers; {@code type} selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PeerHello.class, name = "peer-hello"),
    @JsonSubTypes.Type(value = PeerProof.class, name = "peer-proof"),
    @JsonSubTypes.Type(value = LinkClose.class, name = "link-close"),
    @JsonSubTypes.Type(value = LinkPing.class, name = "link-ping"),
    @JsonSubTypes.Type(value = LinkPong.class, name = "link-pong"),
    @JsonSubTypes.Type(value = GossipDigest.class, name = "digest"),
    @JsonSubTypes.Type(value = GossipDelta.class, name = "delta"),
    @JsonSubTypes.Type(value = Envelope.class, name = "envelope"),
    @JsonSubTypes.Type(value = StreamAck.class, name = "stream-ack"),
    @JsonSubTypes.Type(value = Flood.class, name = "flood"),
    @JsonSubTypes.Type(value = BulkOpen.class, name = "bulk-open"),
    @JsonSubTypes.Type(value = BulkCredit.class, name = "bulk-credit"),
    @JsonSubTypes.Type(value = BulkData.class, name = "bulk-data"),
    @JsonSubTypes.Type(value = BulkSettle.class, name = "bulk-settle"),
    @JsonSubTypes.Type(value = BulkClose.class, name = "bulk-close"),
    @JsonSubTypes.Type(value = BulkReset.class, name = "bulk-reset"),
    @JsonSubTypes.Type(value = VoiceHello.class, name = "voice-hello"),
})
public sealed interface PeerMessage
        permits PeerHello, PeerProof, LinkClose, LinkPing, LinkPong, GossipDigest, GossipDelta, Envelope, StreamAck, Flood,
        BulkMessage, VoiceHello {
}
