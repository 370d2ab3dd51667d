package org.parley.client.net;

import org.parley.protocol.message.GroupAction;
import org.parley.protocol.message.ReceiptStatus;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.parley.client.output.WhoLine;
import org.parley.protocol.Protocol;
import org.parley.protocol.crypto.Fingerprint;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.crypto.LoginTranscript;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.frame.FrameDecoder;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.frame.FrameLimits;
import org.parley.protocol.frame.ProtocolException;
import org.parley.protocol.message.Accepted;
import org.parley.protocol.message.AccountDeleted;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupNotice;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.GroupsRequest;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.ReadReceipt;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.UserKeys;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.Unwatch;
import org.parley.protocol.message.VideoData;
import org.parley.protocol.message.VideoEnd;
import org.parley.protocol.message.VideoList;
import org.parley.protocol.message.VideosRequest;
import org.parley.protocol.message.Watch;
import org.parley.protocol.message.Watching;
import org.parley.protocol.message.VoiceJoin;
import org.parley.protocol.message.VoiceJoined;
import org.parley.protocol.message.VoiceLeave;
import org.parley.protocol.message.VoiceRoom;
import org.parley.protocol.message.VoiceWho;
import org.parley.protocol.message.Welcome;
import org.parley.protocol.message.WhoRequest;
import org.parley.protocol.identity.Recipient;

/**
 * A client's connection to its node: connect, log in, send, ask who is online, and hear what
 * arrives. What the node sends is one of two kinds (see docs/PROTOCOL.md): the answer to a request
 * of ours, which settles that request's wait in one {@link RequestTable} keyed by the request's
 * id, or something it sends unasked (a message, a receipt, a presence or group notice, a ping),
 * which goes to the handlers of its frame type in one {@link PushHandlers}. Handlers run on the
 * connection's event loop.
 */
public final class NodeSession {

    private static final long GROUP_ANSWER_MILLIS = 20_000;
    private static final String NO_GROUP_ANSWER = "no answer within " + GROUP_ANSWER_MILLIS / 1000
            + " s; the group's node may be unreachable";

    /** The node answers a watch within 10 s (NODE_UNREACHABLE if the holder is silent); this is for a node that does not. */
    private static final long WATCH_ANSWER_MILLIS = 30_000;
    private static final String NO_WATCH_ANSWER = "no answer to the watch within " + WATCH_ANSWER_MILLIS / 1000 + " s";
    private static final String NO_VOICE_ANSWER = "no answer within " + GROUP_ANSWER_MILLIS / 1000
            + " s; the room's node may be unreachable";

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The keys of the two login steps in the request table: {@code hello} and {@code login} carry no
     * id, and these cannot be one (an id has no parentheses).
     */
    private static final String HELLO = "(hello)";
    private static final String LOGIN = "(login)";

    /** The frames that answer a request, with the id of the request each answers. */
    private static final Map<Class<? extends ServerMessage>, Function<ServerMessage, String>> ANSWERS = Map.ofEntries(
            answer(ServerHello.class, hello -> HELLO),
            answer(Welcome.class, welcome -> LOGIN),
            answer(Accepted.class, accepted -> ((Accepted) accepted).id()),
            answer(Receipt.class, receipt -> ((Receipt) receipt).id()),
            answer(UserList.class, list -> ((UserList) list).id()),
            answer(UserKeys.class, keys -> ((UserKeys) keys).id()),
            answer(GroupInfo.class, info -> ((GroupInfo) info).id()),
            answer(GroupList.class, list -> ((GroupList) list).id()),
            answer(AccountDeleted.class, deleted -> ((AccountDeleted) deleted).id()),
            answer(VideoList.class, list -> ((VideoList) list).id()),
            answer(Watching.class, watching -> ((Watching) watching).id()),
            answer(VoiceJoined.class, joined -> ((VoiceJoined) joined).id()),
            answer(VoiceRoom.class, room -> ((VoiceRoom) room).id()));

    private static Map.Entry<Class<? extends ServerMessage>, Function<ServerMessage, String>> answer(
            Class<? extends ServerMessage> type, Function<ServerMessage, String> id) {
        return Map.entry(type, id);
    }

    private final NetClient client; // held in a field: a collected NetClient closes its sockets
    private final NetSocket socket;
    private final Context context;
    private final NodeTrust trust;
    private final String address;
    /** The fingerprint of the TLS certificate the node served; null in plaintext. */
    private final String certificate;
    private final FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
    private final RequestTable requests;
    private final PushHandlers pushes = new PushHandlers();
    private final VideoStreams streams = new VideoStreams();
    private final Promise<Void> closed = Promise.promise();
    /** Null until a handler is set: the node sends waiting messages right after login, before a command is ready. */
    private Consumer<Frame<ServerMessage>> deliveryHandler;
    /** Deliveries that came before a handler was set; confined to the connection's context. */
    private final List<Frame<ServerMessage>> earlyDeliveries = new ArrayList<>();
    private volatile Consumer<String> notice = line -> { };
    private final List<String> unacknowledged = new ArrayList<>();
    private volatile String closeReason;
    private volatile boolean accountDeleted;
    /** The code of the fatal error the node closed the connection with; null if it gave none. */
    private volatile ErrorCode closeCode;
    private volatile String user;
    private volatile long lastHeard = System.nanoTime();
    /** Confined to the connection's context: whoever holds reading paused (arrivals, a video being written). */
    private int readingHolds;
    private volatile boolean readingPaused;
    private long watchdog = -1;

    private NodeSession(NetClient client, NetSocket socket, Context context, NodeTrust trust, String address,
                        String certificate) {
        this.client = client;
        this.socket = socket;
        this.context = context;
        this.trust = trust;
        this.address = address;
        this.certificate = certificate;
        this.requests = new RequestTable(context.owner());
        pushes.onFrame(Delivery.class, this::onDelivery);
        pushes.on(Ping.class, ping -> write(new Pong()));
        pushes.on(Watching.class, streams::started);
        pushes.onFrame(VideoData.class, streams::piece);
        pushes.on(VideoEnd.class, streams::ended);
        pushes.on(ErrorFrame.class, streams::refused);
        pushes.on(AccountDeleted.class, deleted -> {
            // On every session of the user, not only the one that asked.
            accountDeleted = true;
            closeReason = "the account " + deleted.user() + " was deleted";
        });
    }

    /**
     * Opens a connection to the node: TLS unless {@code trust} says plaintext, the node's
     * certificate checked by {@code trust} before a byte of ours is sent.
     */
    public static Future<NodeSession> connect(Vertx vertx, String host, int port, NodeTrust trust) {
        NetClientOptions options = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000);
        if (trust.tls()) {
            // Trust comes from the pin, checked below, not from a certificate authority.
            options.setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm("");
        }
        NetClient client = vertx.createNetClient(options);
        String address = host + ":" + port;
        return client.connect(port, host)
                .recover(e -> Future.failedFuture(new ConnectionClosedException("cannot connect to " + address
                        + (trust.tls() ? " over TLS" : "") + ": " + describe(e))))
                .compose(socket -> {
                    if (trust.tls()) {
                        try {
                            return Future.succeededFuture(new NodeSession(client, socket, vertx.getOrCreateContext(),
                                    trust, address, certificateFingerprint(socket)));
                        } catch (ConnectionClosedException refused) {
                            return socket.close().transform(ignored -> Future.failedFuture(refused));
                        }
                    }
                    return Future.succeededFuture(new NodeSession(client, socket, vertx.getOrCreateContext(), trust,
                            address, null));
                })
                .map(session -> {
                    NetSocket socket = session.socket;
                    socket.handler(session::onData);
                    socket.closeHandler(v -> session.onClosed());
                    return session;
                });
    }

    private static String describe(Throwable e) {
        if (e instanceof javax.net.ssl.SSLException || e.getCause() instanceof javax.net.ssl.SSLException
                || e instanceof io.netty.handler.codec.DecoderException) {
            return "the TLS handshake failed (" + e.getMessage() + "); if the node runs without TLS, both sides"
                    + " must say --plaintext";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String certificateFingerprint(NetSocket socket) {
        try {
            return Fingerprint.of(socket.peerCertificates().get(0).getEncoded());
        } catch (javax.net.ssl.SSLPeerUnverifiedException | java.security.cert.CertificateEncodingException
                 | IndexOutOfBoundsException e) {
            throw new ConnectionClosedException("the node presented no usable TLS certificate: " + e.getMessage());
        }
    }

    /** Connects and logs in as {@code user} with {@code keys}, registering the name on first use. */
    public static Future<NodeSession> open(Vertx vertx, String host, int port, NodeTrust trust, String user,
                                           IdentityKeys keys, String password) {
        return open(vertx, host, port, trust, user, keys, password, null);
    }

    /**
     * As {@link #open(Vertx, String, int, NodeTrust, String, IdentityKeys, String)}, giving {@code invite}
     * (null: none), the code a node whose registration is by invite needs to register a new name.
     */
    public static Future<NodeSession> open(Vertx vertx, String host, int port, NodeTrust trust, String user,
                                           IdentityKeys keys, String password, String invite) {
        return connect(vertx, host, port, trust).compose(session -> session.login(user, keys, password, invite)
                .map(session)
                .recover(e -> session.close().transform(ignored -> Future.failedFuture(e))));
    }

    /** hello, then login signed over the node's challenge. */
    public Future<Welcome> login(String user, IdentityKeys keys, String password) {
        return login(user, keys, password, null);
    }

    /** As {@link #login(String, IdentityKeys, String)}, with an invite code for a new name (null: none). */
    public Future<Welcome> login(String user, IdentityKeys keys, String password, String invite) {
        Future<ServerHello> hello = requests.expect(HELLO, ServerHello.class);
        Future<Welcome> welcome = requests.expect(LOGIN, Welcome.class);
        write(new ClientHello(Protocol.VERSION, "parley-cli/0.1"));
        return hello.compose(serverHello -> context.owner().executeBlocking(() -> {
            // The node's key vouches for its certificate in the hello: checked (and a new pin written)
            // before anything of ours is sent. On a worker, with the signing: the first Ed25519 use
            // loads the crypto provider, which on a loaded machine held the event loop for seconds.
            trust.check(address, certificate, serverHello);
            return LoginTranscript.signedLogin(serverHello, user, keys, password, invite);
        }, false).recover(e -> {
            if (e instanceof ConnectionClosedException refused) {
                closeReason = refused.getMessage();
                return socket.close().transform(ignored -> Future.failedFuture(refused));
            }
            return Future.failedFuture(e);
        }).compose(signed -> {
            startWatchdog(serverHello.heartbeatSeconds());
            write(signed);
            return welcome.onSuccess(w -> this.user = w.user());
        }));
    }

    /** Sends {@code body} to {@code to} as message {@code id} (chosen by the caller); completes when the node has accepted it. */
    public Future<Accepted> send(String id, String to, byte[] body) {
        return ask(new Send(id, to), body, () -> requests.expect(id, Accepted.class));
    }

    /**
     * A message on its way: {@code accepted} once the node has it; {@code receipt} at its first
     * receipt, failing if the recipient's node refused it after ours accepted it, if ours did not
     * accept it, or when the connection closes. Null {@code receipt}: none is waited for.
     */
    public record Tracked(Future<Accepted> accepted, Future<Receipt> receipt) {
    }

    /**
     * Sends as {@link #send(String, String, byte[])}, and waits for the message's first receipt too:
     * {@code delivered} when the recipient's client acknowledged it (perhaps much later, if the
     * recipient is offline); with {@code confirmStored}, {@code stored} as soon as it is in the
     * recipient's mailbox at their node. A broadcast, which has no receipts, counts as delivered
     * at acceptance.
     */
    public Tracked sendTracked(String id, String to, byte[] body, boolean confirmStored) {
        return sendTracked(new Send(id, to, confirmStored ? Boolean.TRUE : null), body);
    }

    /**
     * Sends a piece of a file to a user as {@link #sendTracked(String, String, byte[], boolean)}
     * does, marked as one: the nodes may carry it on a bulk path, and "accepted" then comes once the
     * recipient's client or node has it. May fail with {@code INTERRUPTED}: send again from the first
     * piece not accepted.
     */
    public Tracked sendPiece(String id, String to, byte[] body, boolean confirmStored) {
        return sendTracked(new Send(id, to, confirmStored ? Boolean.TRUE : null, Boolean.TRUE), body);
    }

    private Tracked sendTracked(Send send, byte[] body) {
        String id = send.id();
        String to = send.to();
        Future<Receipt> receipt = requests.expectNews(id, Receipt.class);
        Future<Accepted> accepted = ask(send, body,
                () -> requests.expect(id, Accepted.class));
        accepted.onComplete(done -> {
            if (done.failed()) {
                requests.refuse(id, done.cause()); // a message the node did not take has no receipt to wait for
            } else if (Recipient.EVERYONE.equals(to)) {
                requests.answer(id, new Receipt(id, to, ReceiptStatus.DELIVERED));
            }
        });
        return new Tracked(accepted, receipt);
    }

    /**
     * Every user on the network, asked for a page at a time until the last: online and away first,
     * then by node and name.
     */
    public Future<List<UserStatus>> who() {
        List<UserStatus> all = new ArrayList<>();
        return whoFrom(null, all).map(done -> {
            all.sort(WhoLine.ORDER);
            return all;
        });
    }

    private Future<Void> whoFrom(String after, List<UserStatus> all) {
        return whoPage(after).compose(page -> {
            all.addAll(page.users());
            if (page.next() == null) {
                return Future.succeededFuture();
            }
            if (page.users().isEmpty() || page.next().equals(after)) {
                return Future.failedFuture(new IllegalStateException("the node's pages of who do not advance (after "
                        + after + ")"));
            }
            return whoFrom(page.next(), all);
        });
    }

    /**
     * One user ({@code bob} or {@code bob@node-b}) as the node knows them; the node tells this
     * session of their presence from then on ({@link #onPresence}).
     */
    public Future<UserStatus> whoIs(String user) {
        String id = newMessageId();
        return ask(WhoRequest.about(id, user), null, () -> requests.expect(id, UserList.class))
                .map(list -> list.users().get(0));
    }

    /** One page of who: the users after {@code after} (null: the first), as many as the node gives. */
    public Future<UserList> whoPage(String after) {
        String id = newMessageId();
        return ask(new WhoRequest(id, after, null), null, () -> requests.expect(id, UserList.class));
    }

    /** The public keys the network publishes for {@code user} ({@code bob} or {@code bob@node-b}). */
    public Future<UserKeys> keys(String user) {
        String id = newMessageId();
        return ask(new KeysRequest(id, user), null, () -> requests.expect(id, UserKeys.class));
    }

    /**
     * Asks a group's home to do {@code action} ({@link GroupRequest}); completes with the group as it
     * stands after, or fails with a {@link RefusedException}, or with a timeout if no answer comes
     * (the home may be unreachable: a request for another node's group waits in our node's outbox).
     */
    public Future<GroupInfo> group(GroupAction action, String group, String user, Boolean open) {
        return TryAgain.whileLimited(context.owner(), () -> {
            String id = newMessageId();
            return ask(new GroupRequest(id, action, group, user, open), null,
                    () -> requests.expect(id, GroupInfo.class, GROUP_ANSWER_MILLIS, NO_GROUP_ANSWER));
        }, TryAgain.nodeOf(this.user), notice);
    }

    /** Where to say that the node limits us and we try again ({@link TryAgain}). */
    public NodeSession onNotice(Consumer<String> notice) {
        this.notice = notice;
        return this;
    }

    /** What {@link #onNotice} was given, for requests made on top of this session. */
    public Consumer<String> notice() {
        return notice;
    }

    /** The user's groups, then the network's open groups. */
    public Future<GroupList> groups() {
        String id = newMessageId();
        return ask(new GroupsRequest(id), null,
                () -> requests.expect(id, GroupList.class, GROUP_ANSWER_MILLIS, NO_GROUP_ANSWER));
    }

    /**
     * Joins voice room {@code room} ({@code #team@node-a}, or a call: {@code bob@node-b}), leaving any
     * other this session was in; fails with a {@link RefusedException} (not a member, no such user...)
     * or a timeout if the room's node does not answer.
     */
    public Future<VoiceJoined> voiceJoin(String room) {
        String id = newMessageId();
        return ask(new VoiceJoin(id, room), null,
                () -> requests.expect(id, VoiceJoined.class, GROUP_ANSWER_MILLIS, NO_VOICE_ANSWER));
    }

    /** Who is in voice room {@code room} across nodes, and who is speaking. */
    public Future<VoiceRoom> voiceWho(String room) {
        String id = newMessageId();
        return ask(new VoiceWho(id, room), null,
                () -> requests.expect(id, VoiceRoom.class, GROUP_ANSWER_MILLIS, NO_VOICE_ANSWER));
    }

    /** Leaves the voice room this session is in; answered with the room as it is after. */
    public Future<VoiceRoom> voiceLeave() {
        String id = newMessageId();
        return ask(new VoiceLeave(id), null,
                () -> requests.expect(id, VoiceRoom.class, GROUP_ANSWER_MILLIS, NO_VOICE_ANSWER));
    }

    /** Adds a handler for news of voice rooms: who joined or left ours, who calls us. */
    public NodeSession onVoiceRoom(Consumer<VoiceRoom> handler) {
        pushes.on(VoiceRoom.class, room -> {
            if (room.id() == null) {
                handler.accept(room);
            }
        });
        return this;
    }

    /** The address of the node this connection reached, where its voice port is too. */
    public String nodeHost() {
        return socket.remoteAddress().hostAddress();
    }

    /** Deletes this user's account; completes when the node confirms. */
    public Future<AccountDeleted> deleteAccount() {
        String id = newMessageId();
        return ask(new DeleteAccount(id), null, () -> requests.expect(id, AccountDeleted.class));
    }

    /** The videos the network offers, or {@code node}'s only (null: every node's), sorted by address. */
    public Future<VideoList> videos(String node) {
        String id = newMessageId();
        return ask(new VideosRequest(id, node), null, () -> requests.expect(id, VideoList.class));
    }

    /**
     * Starts stream {@code request.id()}: {@code listener} hears it begin, its pieces and its end, in
     * the order they come, on the connection's event loop. The future completes with the same
     * {@link Watching} the listener heard, or fails if the node refused the watch (a
     * {@link RefusedException}: UNKNOWN_VIDEO, NODE_UNREACHABLE...), did not answer, or the
     * connection ended first; the listener then hears nothing more.
     */
    public Future<Watching> watch(Watch request, VideoStreamListener listener) {
        String id = request.id();
        streams.open(id, listener);
        return ask(request, null, () -> requests.expect(id, Watching.class, WATCH_ANSWER_MILLIS, NO_WATCH_ANSWER))
                .onFailure(refused -> streams.forget(id));
    }

    /** Asks the node to stop stream {@code id}; it answers with the stream's {@code video-end}. */
    public void unwatch(String id) {
        if (closeReason == null) {
            write(new Unwatch(id));
        }
    }

    /**
     * Writes {@code request} once {@code answer} waits in the request table (so the answer cannot
     * come before it is waited for). A request on a connection already closed fails at once: it
     * would wait forever for an answer, as the interactive session's commands did after a drop.
     */
    private <T extends ServerMessage> Future<T> ask(ClientMessage request, byte[] body,
                                                   Supplier<Future<T>> answer) {
        if (closeReason != null) {
            return Future.failedFuture(new ConnectionClosedException(closeReason));
        }
        Future<T> waiting = answer.get();
        if (!waiting.isComplete()) {
            socket.write(Buffer.buffer(body == null ? FrameEncoder.client().encode(request)
                    : FrameEncoder.client().encode(request, body)));
        }
        return waiting;
    }

    /** Says goodbye and waits for the node to close the connection. */
    public Future<Void> bye() {
        if (closeReason == null) {
            // Before the goodbye, in order: the node reads nothing after it.
            synchronized (unacknowledged) {
                flushAcknowledgements();
                write(new Bye());
            }
        }
        return closed.future();
    }

    /** Closes the connection at once. */
    public Future<Void> close() {
        return socket.close().transform(ignored -> client.close());
    }

    /** Completes when the connection ends; {@link #closeReason()} then says why. */
    public Future<Void> closedFuture() {
        return closed.future();
    }

    /** The fully qualified name the node welcomed us as, once logged in. */
    public String user() {
        return user;
    }

    public String closeReason() {
        return closeReason;
    }

    /**
     * The node's operator ended this session (kicked the user, locked the account): logging in again
     * at once would undo what the operator meant.
     */
    public boolean endedByOperator() {
        return closeCode == ErrorCode.DISCONNECTED_BY_OPERATOR || closeCode == ErrorCode.ACCOUNT_LOCKED;
    }

    /** The node closed this session because its account was deleted: logging in again would make a new one. */
    public boolean accountDeleted() {
        return accountDeleted;
    }

    /** Where arriving messages go, starting with any that came before this was called; one place only. */
    public NodeSession onDelivery(Consumer<Frame<ServerMessage>> handler) {
        context.runOnContext(v -> {
            deliveryHandler = handler;
            earlyDeliveries.forEach(handler);
            earlyDeliveries.clear();
        });
        return this;
    }

    private void onDelivery(Frame<ServerMessage> frame) {
        if (deliveryHandler == null) {
            earlyDeliveries.add(frame);
        } else {
            deliveryHandler.accept(frame);
        }
    }

    /** Adds a handler for news of our groups' membership. */
    public NodeSession onGroupNotice(Consumer<GroupNotice> handler) {
        pushes.on(GroupNotice.class, handler);
        return this;
    }

    /**
     * Adds a handler for users coming online, going away, going offline: one call per user, whether
     * the node sent the change alone or in a batch.
     */
    public NodeSession onPresence(Consumer<PresenceNotice.Entry> handler) {
        pushes.on(PresenceNotice.class, notice -> notice.changes().forEach(handler));
        return this;
    }

    /** Adds a handler for what became of the messages we sent (delivered, read, expired...). */
    public NodeSession onReceipt(Consumer<Receipt> handler) {
        pushes.on(Receipt.class, handler);
        return this;
    }

    /** Adds a handler for errors about a message already accepted (its recipient's node refused it, say). */
    public NodeSession onLateError(Consumer<ErrorFrame> handler) {
        pushes.on(ErrorFrame.class, handler);
        return this;
    }

    /**
     * Tells the node this client has message {@code id}, so it leaves the mailbox and its sender
     * hears "delivered". Acknowledgements made in one turn of the event loop go in one frame.
     */
    public void acknowledge(String id) {
        synchronized (unacknowledged) {
            unacknowledged.add(id);
            if (unacknowledged.size() > 1) {
                return;
            }
        }
        context.runOnContext(v -> flushAcknowledgements());
    }

    private void flushAcknowledgements() {
        // Written under the lock, so an ack taken here cannot be overtaken by a goodbye from another thread.
        synchronized (unacknowledged) {
            for (int from = 0; from < unacknowledged.size(); from += Ack.MAX_IDS) {
                write(new Ack(List.copyOf(unacknowledged.subList(from,
                        Math.min(unacknowledged.size(), from + Ack.MAX_IDS)))));
            }
            unacknowledged.clear();
        }
    }

    /** Tells the sender of message {@code id}, through the node, that the user has seen it. */
    public void read(String id, String from) {
        // After the acknowledgement of the same message, so its sender hears "delivered" before "read".
        synchronized (unacknowledged) {
            flushAcknowledgements();
            write(new ReadReceipt(id, from));
        }
    }

    public static String newMessageId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private void write(ClientMessage message) {
        socket.write(Buffer.buffer(FrameEncoder.client().encode(message)));
    }

    /**
     * Stops reading from the node while what arrived is still being handled (a file's chunks on a
     * slow disk, video segments on their way to a player): the node then holds the rest in the
     * mailbox, or stops sending the stream, instead of this process holding it in memory. Each
     * pause is a hold that one {@link #resumeReading()} lets go; reading goes on once nobody holds
     * it, so the arrivals of messages and a video being written do not undo each other's pause.
     */
    public void pauseReading() {
        context.runOnContext(v -> {
            if (readingHolds++ == 0) {
                readingPaused = true;
                socket.pause();
            }
        });
    }

    /** Lets go of one {@link #pauseReading()} hold. */
    public void resumeReading() {
        context.runOnContext(v -> {
            if (readingHolds > 0 && --readingHolds == 0) {
                readingPaused = false;
                lastHeard = System.nanoTime();
                socket.resume();
            }
        });
    }

    private void onData(Buffer data) {
        lastHeard = System.nanoTime();
        try {
            decoder.feed((target, at) -> data.getBytes(0, data.length(), target, at), data.length(), this::onFrame);
        } catch (ProtocolException e) {
            closeReason = "the node sent something unreadable: " + e.getMessage();
            socket.close();
        }
    }

    private void onFrame(Frame<ServerMessage> frame) {
        ServerMessage message = frame.header();
        if (message instanceof ErrorFrame error) {
            onError(frame, error);
            return;
        }
        if (message instanceof Receipt receipt && receipt.status() == null
                || message instanceof GroupNotice notice && notice.event() == null) {
            return; // news of a kind a newer node knows and this client does not: nothing to show
        }
        // Pushes first: an account-deleted frame marks the session before the request that asked for it completes.
        pushes.dispatch(frame);
        Function<ServerMessage, String> answers = ANSWERS.get(message.getClass());
        if (answers != null) {
            requests.answer(answers.apply(message), message);
        }
    }

    /**
     * An error answers the request it names; one that names a request already answered, or none
     * waiting, is news about it for {@link #onLateError}. One that names nothing is about the
     * connection: a refused hello or login, and a fatal one is why the node closes it.
     */
    private void onError(Frame<ServerMessage> frame, ErrorFrame error) {
        RefusedException refused = new RefusedException(error.code(), error.message(), error.retryAfterMillis());
        if (error.ref() != null) {
            if (requests.refuse(error.ref(), refused) == RequestTable.Refused.ANSWER) {
                return;
            }
            if (!error.code().fatal()) {
                pushes.dispatch(frame);
                return;
            }
        }
        if (error.code().fatal()) {
            closeReason = error.code() + ": " + error.message();
            closeCode = error.code();
        }
        requests.refuse(HELLO, refused);
        requests.refuse(LOGIN, refused);
    }

    private void onClosed() {
        if (watchdog >= 0) {
            context.owner().cancelTimer(watchdog);
        }
        if (closeReason == null) {
            closeReason = requests.waiting(HELLO)
                    ? "the node closed the connection before its hello (a node that speaks TLS closes plaintext"
                    + " connections: leave out --plaintext)"
                    : "the node closed the connection";
        }
        ConnectionClosedException cause = new ConnectionClosedException(closeReason);
        requests.close(cause);
        streams.close(cause);
        closed.tryComplete();
    }

    /**
     * Declares the node gone when it has been silent for three of its heartbeat periods; while
     * reading is held, says it is alive instead (the node's pings are not read then).
     */
    private void startWatchdog(int heartbeatSeconds) {
        long limit = TimeUnit.SECONDS.toNanos(3L * heartbeatSeconds);
        watchdog = context.owner().setPeriodic(TimeUnit.SECONDS.toMillis(heartbeatSeconds), id -> {
            if (readingPaused) {
                // Its pings wait unread while we hold reading (a player taking a video at the pace it
                // plays can hold it for a minute): a sign of life keeps the node from ending the session.
                write(new Pong());
            } else if (System.nanoTime() - lastHeard > limit) {
                closeReason = "the node stopped answering (no heartbeat for " + 3 * heartbeatSeconds + " s)";
                socket.close();
            }
        });
    }
}
