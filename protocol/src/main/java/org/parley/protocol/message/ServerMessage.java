package org.parley.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A frame header sent by a node to a client. The {@code type} property selects the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerHello.class, name = "hello"),
    @JsonSubTypes.Type(value = Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = Accepted.class, name = "accepted"),
    @JsonSubTypes.Type(value = Receipt.class, name = "receipt"),
    @JsonSubTypes.Type(value = Delivery.class, name = "message"),
    @JsonSubTypes.Type(value = UserList.class, name = "users"),
    @JsonSubTypes.Type(value = PresenceNotice.class, name = "presence"),
    @JsonSubTypes.Type(value = Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = ErrorFrame.class, name = "error"),
    @JsonSubTypes.Type(value = AccountDeleted.class, name = "account-deleted"),
    @JsonSubTypes.Type(value = UserKeys.class, name = "user-keys"),
    @JsonSubTypes.Type(value = GroupInfo.class, name = "group-info"),
    @JsonSubTypes.Type(value = GroupList.class, name = "group-list"),
    @JsonSubTypes.Type(value = GroupNotice.class, name = "group-notice"),
    @JsonSubTypes.Type(value = VideoList.class, name = "video-list"),
    @JsonSubTypes.Type(value = Watching.class, name = "watching"),
    @JsonSubTypes.Type(value = VideoData.class, name = "video-data"),
    @JsonSubTypes.Type(value = VideoEnd.class, name = "video-end"),
    @JsonSubTypes.Type(value = VideoPass.class, name = "video-pass"),
    @JsonSubTypes.Type(value = VoiceJoined.class, name = "voice-joined"),
    @JsonSubTypes.Type(value = VoiceRoom.class, name = "voice-room"),
})
public sealed interface ServerMessage extends Message
        permits ServerHello, Welcome, Accepted, Receipt, Delivery, UserList, PresenceNotice, Ping, Pong, ErrorFrame,
        AccountDeleted, UserKeys, GroupInfo, GroupList, GroupNotice, VideoList, Watching, VideoData,
        VideoEnd, VideoPass, VoiceJoined, VoiceRoom {
}
