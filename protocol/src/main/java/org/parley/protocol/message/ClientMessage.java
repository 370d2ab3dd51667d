package org.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame header sent by a client to its node. The {@code type} property selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientHello.class, name = "hello"),
    @JsonSubTypes.Type(value = Login.class, name = "login"),
    @JsonSubTypes.Type(value = Send.class, name = "send"),
    @JsonSubTypes.Type(value = WhoRequest.class, name = "who"),
    @JsonSubTypes.Type(value = Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = Bye.class, name = "bye"),
    @JsonSubTypes.Type(value = DeleteAccount.class, name = "delete-account"),
    @JsonSubTypes.Type(value = KeysRequest.class, name = "keys"),
    @JsonSubTypes.Type(value = Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = ReadReceipt.class, name = "read"),
    @JsonSubTypes.Type(value = GroupRequest.class, name = "group"),
    @JsonSubTypes.Type(value = GroupsRequest.class, name = "groups"),
    @JsonSubTypes.Type(value = VideosRequest.class, name = "videos"),
    @JsonSubTypes.Type(value = Watch.class, name = "watch"),
    @JsonSubTypes.Type(value = Unwatch.class, name = "unwatch"),
    @JsonSubTypes.Type(value = VideoPassRequest.class, name = "video-pass"),
    @JsonSubTypes.Type(value = VoiceJoin.class, name = "voice-join"),
    @JsonSubTypes.Type(value = VoiceLeave.class, name = "voice-leave"),
    @JsonSubTypes.Type(value = VoiceWho.class, name = "voice-who"),
})
public sealed interface ClientMessage extends Message
        permits ClientHello, Login, Send, WhoRequest, Ping, Pong, Bye, DeleteAccount, KeysRequest, Ack,
        ReadReceipt, GroupRequest, GroupsRequest, VideosRequest, Watch, Unwatch, VideoPassRequest,
        VoiceJoin, VoiceLeave, VoiceWho {
}
