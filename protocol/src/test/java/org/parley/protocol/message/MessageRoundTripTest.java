package org.parley.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;

class MessageRoundTripTest {

    @Test
    void everyClientMessageSurvivesEncodeAndDecode() throws Exception {
        List<ClientMessage> messages = List.of(
                new ClientHello(1, "parley-cli/0.1"),
                new Login("alice", "c2lnbg==", "YWdyZWU=", "c2ln", null),
                new Login("alice", "c2lnbg==", "YWdyZWU=", "c2ln", "hunter2"),
                new Send("m-1", "bob@node-b"),
                new WhoRequest("w1"),
                new WhoRequest("w2", "bob@node-b", 500),
                WhoRequest.about("w3", "bob@node-b"),
                new KeysRequest("k1", "bob@node-b"),
                new DeleteAccount("d1"),
                new VideosRequest("v1", null), new VideosRequest("v2", "node-b"),
                new Watch("w3", "lecture@node-b", "480p", null, 90_000L, null),
                new Watch("w4", "lecture@node-b", null, true, null, 7),
                new Unwatch("w4"),
                new VideoPassRequest("p1"),
                new VoiceJoin("j1", "#team@node-a"), new VoiceLeave("j2"), new VoiceWho("j3", "bob@node-b"),
                new Ping(), new Pong(), new Bye());
        FrameDecoder<ClientMessage> decoder = FrameDecoder.fromClients(FrameLimits.CLIENT_TO_NODE);
        for (ClientMessage message : messages) {
            List<Frame<ClientMessage>> out = new ArrayList<>();
            decoder.feed(FrameEncoder.client().encode(message), out::add);
            assertEquals(message, out.get(0).header());
        }
    }

    @Test
    void everyServerMessageSurvivesEncodeAndDecode() throws Exception {
        List<ServerMessage> messages = List.of(
                new ServerHello(1, "node-a", "Y2hhbGxlbmdl", 15, false),
                new Welcome("alice@node-a", "node-a", true),
                new Accepted("m-1", 2),
                new Delivery("m-1", "alice@node-a", "bob@node-a", 1_700_000_000_000L),
                new UserList("w1", List.of(new UserStatus("alice@node-a", "node-a", Presence.ONLINE, 1))),
                new UserList("w2", List.of(new UserStatus("alice@node-a", "node-a", Presence.ONLINE, 1)), "alice@node-a"),
                new PresenceNotice("bob@node-a", Presence.OFFLINE, "quit"),
                PresenceNotice.of(List.of(new PresenceNotice.Entry("bob@node-a", Presence.OFFLINE, "quit"),
                        new PresenceNotice.Entry("carol@node-b", Presence.AWAY, null))),
                new UserKeys("k1", "bob@node-b", "c2lnbg==", "YWdyZWU="),
                new AccountDeleted("d1", "alice@node-a"),
                new Ping(), new Pong(),
                new ErrorFrame(ErrorCode.UNKNOWN_USER, "no user carol@node-a", "m-2"),
                new VideoList("v1", List.of(new VideoList.VideoSummary("lecture@node-b", 12_000, 6, true,
                        List.of(new VideoList.RenditionSummary("240p", 426, 240, "h264", 300_000, 200_000))))),
                new Watching("w3", "lecture@node-b", List.of("240p", "480p"), 12_000, 6, 2, 4_000),
                new VideoData("w3", 2, "240p", 4_000, 65_536, true),
                new VideoEnd("w3", false, 3, "link to node-b dropped"),
                new VideoPass("p1", "YWxpY2UKMTcwMDAwMDYwMDAwMA.c2lnbmVk", 1_700_000_600_000L),
                new ErrorFrame(ErrorCode.UNKNOWN_VIDEO, "node-b has no video lecture", "w5"),
                new VoiceJoined("j1", "#team@node-a", "dG9rZW4tdG9rZW4tMTIzNA==", 7070, 3, 5,
                        List.of(new VoiceRoom.Participant("bob@node-b", 2, true))),
                new VoiceRoom(null, "#team@node-a", 6, List.of(new VoiceRoom.Participant("bob@node-b", 2, false))));
        FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
        for (ServerMessage message : messages) {
            List<Frame<ServerMessage>> out = new ArrayList<>();
            decoder.feed(FrameEncoder.server().encode(message), out::add);
            assertEquals(message, out.get(0).header());
        }
    }

    @Test
    void presenceAndErrorCodesUseTheirDocumentedSpelling() throws Exception {
        String json = new String(org.parley.protocol.frame.WireJson.mapper().writerFor(ServerMessage.class)
                .writeValueAsBytes(new PresenceNotice("bob@node-a", Presence.ONLINE, null)), "UTF-8");

        assertEquals("{\"type\":\"presence\",\"user\":\"bob@node-a\",\"status\":\"online\"}", json);
    }

    @Test
    void batchedPresenceCarriesEntriesAndOneChangeKeepsTheSingleForm() throws Exception {
        var writer = org.parley.protocol.frame.WireJson.mapper().writerFor(ServerMessage.class);
        PresenceNotice.Entry bob = new PresenceNotice.Entry("bob@node-a", Presence.ONLINE, null);
        PresenceNotice.Entry carol = new PresenceNotice.Entry("carol@node-a", Presence.OFFLINE, "quit");

        String two = new String(writer.writeValueAsBytes(PresenceNotice.of(List.of(bob, carol))), "UTF-8");
        String one = new String(writer.writeValueAsBytes(PresenceNotice.of(List.of(bob))), "UTF-8");

        assertEquals("{\"type\":\"presence\",\"entries\":[{\"user\":\"bob@node-a\",\"status\":\"online\"},"
                + "{\"user\":\"carol@node-a\",\"status\":\"offline\",\"reason\":\"quit\"}]}", two);
        assertEquals("{\"type\":\"presence\",\"user\":\"bob@node-a\",\"status\":\"online\"}", one);
        assertEquals(List.of(bob), PresenceNotice.of(List.of(bob)).changes());
    }

    @Test
    void loginToStringHidesThePassword() {
        String text = new Login("alice", "k", "k", "s", "hunter2").toString();

        assertEquals(-1, text.indexOf("hunter2"));
    }
}
