package org.parley.client.net;

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
import java.util.List;
import org.parley.client.output.WhoLine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.parley.protocol.message.DeleteAccount;
import org.parley.protocol.message.Bye;
import org.parley.protocol.message.ClientHello;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.Ack;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.Delivery;
import org.parley.protocol.message.GroupInfo;
import org.parley.protocol.message.GroupList;
import org.parley.protocol.message.GroupNotice;
import org.parley.protocol.message.GroupRequest;
import org.parley.protocol.message.GroupsRequest;
import org.parley.protocol.message.ReadReceipt;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.Ping;
import org.parley.protocol.message.Pong;
import org.parley.protocol.message.PresenceNotice;
import org.parley.protocol.message.Receipt;
import org.parley.protocol.identity.Recipient;
import org.parley.protocol.message.Send;
import org.parley.protocol.message.ServerHello;
import org.parley.protocol.message.ServerMessage;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.UserKeys;
import org.parley.protocol.message.UserList;
import org.parley.protocol.message.UserStatus;
import org.parley.protocol.message.Welcome;
import org.parley.protocol.message.WhoRequest;

/**
 * A client's connection to its node: connect, log in, send, ask who is online, and hear what
 * arrives. Requests complete futures matched by id; what the node pushes (messages, presence)
 * goes to handlers. Handlers run on the connection's event loop.
 */
public final class NodeSession {

    private static final long GROUP_ANSWER_MILLIS = 20_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NetClient client; // held in a field: a collected NetClient closes its sockets
    private final NetSocket socket;
    private final Context context;
    private final NodeTrust trust;
    private final String address;
    /** The fingerprint of the TLS certificate the node served; null in plaintext. */
    private final String certificate;
    private final FrameDecoder<ServerMessage> decoder = FrameDecoder.fromNode(FrameLimits.NODE_TO_CLIENT);
    private final Map<String, Promise<Accepted>> pendingSends = new ConcurrentHashMap<>();
    private final Map<String, Promise<UserList>> pendingWho = new ConcurrentHashMap<>();
    private final Map<String, Promise<UserKeys>> pendingKeys = new ConcurrentHashMap<>();
    private final Promise<Void> closed = Promise.promise();
    private Promise<ServerHello> hello;
    private Promise<Welcome> welcome;
    /** Null until a handler is set: the node sends waiting messages right after login, before a command is ready. */
    private Consumer<Frame<ServerMessage>> deliveryHandler;
    /** Deliveries that came before a handler was set; confined to the connection's context. */
    private final java.util.List<Frame<ServerMessage>> earlyDeliveries = new java.util.ArrayList<>();
    private volatile Consumer<PresenceNotice> presenceHandler = notice -> { };
    private volatile Consumer<Receipt> receiptHandler = receipt -> { };
    private volatile Consumer<Accepted> acceptedHandler = accepted -> { };
    private volatile Consumer<ErrorFrame> lateErrorHandler = error -> { };
    private final Map<String, Promise<Receipt>> pendingReceipts = new ConcurrentHashMap<>();
    /** Group requests and listings, answered by a frame with the request's id (from afar, for other nodes' groups). */
    private final Map<String, Promise<ServerMessage>> pendingGroups = new ConcurrentHashMap<>();
    private volatile Consumer<GroupNotice> groupNoticeHandler = notice -> { };
    private volatile Consumer<String> notice = line -> { };
    private final List<String> unacknowledged = new java.util.ArrayList<>();
    private volatile Promise<AccountDeleted> pendingDeletion;
    private volatile String closeReason;
    private volatile boolean accountDeleted;
    private volatile String user;
    private volatile long lastHeard = System.nanoTime();
    /** Confined to the connection's context. */
    private boolean readingPaused;
    private long watchdog = -1;

    private NodeSession(NetClient client, NetSocket socket, Context context, NodeTrust trust, String address,
                        String certificate) {
        this.client = client;
        this.socket = socket;
        this.context = context;
        this.trust = trust;
        this.address = address;
        this.certificate = certificate;
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
        return connect(vertx, host, port, trust).compose(session -> session.login(user, keys, password)
                .map(session)
                .recover(e -> session.close().transform(ignored -> Future.failedFuture(e))));
    }

    /** hello, then login signed over the node's challenge. */
    public Future<Welcome> login(String user, IdentityKeys keys, String password) {
        hello = Promise.promise();
        welcome = Promise.promise();
        write(new ClientHello(Protocol.VERSION, "parley-cli/0.1"));
        return hello.future().compose(serverHello -> context.owner().executeBlocking(() -> {
            // The node's key vouches for its certificate in the hello: checked (and a new pin written)
            // before anything of ours is sent. On a worker, with the signing: the first Ed25519 use
            // loads the crypto provider, which on a loaded machine held the event loop for seconds.
            trust.check(address, certificate, serverHello);
            return LoginTranscript.signedLogin(serverHello, user, keys, password);
        }, false).recover(e -> {
            if (e instanceof ConnectionClosedException refused) {
                closeReason = refused.getMessage();
                return socket.close().transform(ignored -> Future.failedFuture(refused));
            }
            return Future.failedFuture(e);
        }).compose(signed -> {
            startWatchdog(serverHello.heartbeatSeconds());
            write(signed);
            return welcome.future().onSuccess(w -> this.user = w.user());
        }));
    }

    /** Sends {@code body} to {@code to}; completes when the node has accepted it. */
    public Future<Accepted> send(String to, byte[] body) {
        return send(newMessageId(), to, body);
    }

    /**
     * Sends and completes once the message reached its recipient: at the {@code delivered} receipt,
     * which the recipient's node sends when the recipient's client acknowledged it (perhaps much
     * later, if the recipient is offline). A broadcast completes at acceptance.
     */
    public Future<Receipt> sendAndAwaitDelivery(String to, byte[] body) {
        return sendAndAwaitDelivery(newMessageId(), to, body);
    }

    /** As {@link #sendAndAwaitDelivery(String, byte[])}, with an id the caller chose (and sealed into the body). */
    public Future<Receipt> sendAndAwaitDelivery(String id, String to, byte[] body) {
        Promise<Receipt> receipt = Promise.promise();
        receiptOf(id).onComplete(receipt);
        send(id, to, body).onComplete(accepted -> {
            if (accepted.failed()) {
                pendingReceipts.remove(id);
                receipt.tryFail(accepted.cause());
            } else if (Recipient.EVERYONE.equals(to)) {
                pendingReceipts.remove(id);
                receipt.tryComplete(new Receipt(id, to, Receipt.DELIVERED));
            }
        });
        return receipt.future();
    }

    /**
     * The first receipt for message {@code id} (ask before sending it); fails with a
     * {@link RefusedException} if the recipient's node refuses the message after this node accepted
     * it, or when the connection closes.
     */
    public Future<Receipt> receiptOf(String id) {
        Promise<Receipt> receipt = Promise.promise();
        pendingReceipts.put(id, receipt);
        return receipt.future();
    }

    /** Forgets a wait made with {@link #receiptOf}: the message will not be sent, or its receipt no longer matters. */
    public void forgetReceipt(String id) {
        pendingReceipts.remove(id);
    }

    /** Sends with an id the caller chose; completes when the node has accepted it. */
    public Future<Accepted> send(String id, String to, byte[] body) {
        return send(new Send(id, to), body);
    }

    /**
     * As {@link #send(String, String, byte[])}, and asks for a {@code stored} receipt once the
     * message is in the recipient's mailbox at their node (wait for it with {@link #receiptOf}).
     */
    public Future<Accepted> sendConfirmingStorage(String id, String to, byte[] body) {
        return send(new Send(id, to, true), body);
    }

    private Future<Accepted> send(Send send, byte[] body) {
        String id = send.id();
        Promise<Accepted> accepted = Promise.promise();
        pendingSends.put(id, accepted);
        if (closeReason != null) {
            pendingSends.remove(id);
            return Future.failedFuture(new ConnectionClosedException(closeReason));
        }
        socket.write(Buffer.buffer(FrameEncoder.client().encode(send, body)));
        return accepted.future();
    }

    /**
     * Every user on the network, asked for a page at a time until the last: online and away first,
     * then by node and name.
     */
    public Future<List<UserStatus>> who() {
        List<UserStatus> all = new java.util.ArrayList<>();
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

    /** One page of who: the users after {@code after} (null: the first), as many as the node gives. */
    public Future<UserList> whoPage(String after) {
        String id = newMessageId();
        Promise<UserList> answer = Promise.promise();
        pendingWho.put(id, answer);
        if (closed.future().isComplete()) { // after the put: a close in between fails the promise itself
            pendingWho.remove(id);
            return gone();
        }
        write(new WhoRequest(id, after, null));
        return answer.future();
    }

    /** The public keys the network publishes for {@code user} ({@code bob} or {@code bob@node-b}). */
    public Future<UserKeys> keys(String user) {
        String id = newMessageId();
        Promise<UserKeys> answer = Promise.promise();
        pendingKeys.put(id, answer);
        if (closed.future().isComplete()) {
            pendingKeys.remove(id);
            return gone();
        }
        write(new KeysRequest(id, user));
        return answer.future();
    }

    /**
     * Asks a group's home to do {@code action} ({@link GroupRequest}); completes with the group as it
     * stands after, or fails with a {@link RefusedException}, or with a timeout if no answer comes
     * (the home may be unreachable: a request for another node's group waits in our node's outbox).
     */
    public Future<GroupInfo> group(String action, String group, String user, Boolean open) {
        return TryAgain.whileLimited(context.owner(), () -> {
            String id = newMessageId();
            return ask(id, new GroupRequest(id, action, group, user, open), GroupInfo.class);
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
        return ask(id, new GroupsRequest(id), GroupList.class);
    }

    private <T extends ServerMessage> Future<T> ask(String id, ClientMessage request, Class<T> answerType) {
        Promise<ServerMessage> answer = Promise.promise();
        pendingGroups.put(id, answer);
        if (closed.future().isComplete()) {
            pendingGroups.remove(id);
            return gone();
        }
        write(request);
        long timer = context.owner().setTimer(GROUP_ANSWER_MILLIS, t -> {
            Promise<ServerMessage> waiting = pendingGroups.remove(id);
            if (waiting != null) {
                waiting.tryFail(new java.util.concurrent.TimeoutException("no answer within "
                        + GROUP_ANSWER_MILLIS / 1000 + " s; the group's node may be unreachable"));
            }
        });
        return answer.future().onComplete(done -> context.owner().cancelTimer(timer)).map(answerType::cast);
    }

    /**
     * A request on a connection already closed: it would wait forever for an answer, as the
     * interactive session's commands did after a drop.
     */
    private <T> Future<T> gone() {
        return Future.failedFuture(new ConnectionClosedException(closeReason == null ? "not connected" : closeReason));
    }

    /** Deletes this user's account; completes when the node confirms. */
    public Future<AccountDeleted> deleteAccount() {
        String id = newMessageId();
        pendingDeletion = Promise.promise();
        write(new DeleteAccount(id));
        return pendingDeletion.future();
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

    /** The node closed this session because its account was deleted: logging in again would make a new one. */
    public boolean accountDeleted() {
        return accountDeleted;
    }

    /** Where arriving messages go, starting with any that came before this was called. */
    public NodeSession onDelivery(Consumer<Frame<ServerMessage>> handler) {
        context.runOnContext(v -> {
            deliveryHandler = handler;
            earlyDeliveries.forEach(handler);
            earlyDeliveries.clear();
        });
        return this;
    }

    /** Where news of our groups' membership goes. */
    public NodeSession onGroupNotice(Consumer<GroupNotice> handler) {
        this.groupNoticeHandler = handler;
        return this;
    }

    public NodeSession onPresence(Consumer<PresenceNotice> handler) {
        this.presenceHandler = handler;
        return this;
    }

    /** News that a message sent to another node was delivered. */
    /** Told of every message the node accepted, before whoever waits for that one message. */
    public NodeSession onAccepted(Consumer<Accepted> handler) {
        this.acceptedHandler = handler;
        return this;
    }

    public NodeSession onReceipt(Consumer<Receipt> handler) {
        this.receiptHandler = handler;
        return this;
    }

    /** An error about a message already accepted (its recipient went offline before it arrived, say). */
    public NodeSession onLateError(Consumer<ErrorFrame> handler) {
        this.lateErrorHandler = handler;
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
     * slow disk): the node then holds the rest in the mailbox instead of this process in memory.
     */
    public void pauseReading() {
        context.runOnContext(v -> {
            readingPaused = true;
            socket.pause();
        });
    }

    public void resumeReading() {
        context.runOnContext(v -> {
            readingPaused = false;
            lastHeard = System.nanoTime();
            socket.resume();
        });
    }

    private void onData(Buffer data) {
        lastHeard = System.nanoTime();
        try {
            decoder.feed(data.getBytes(), this::onFrame);
        } catch (ProtocolException e) {
            closeReason = "the node sent something unreadable: " + e.getMessage();
            socket.close();
        }
    }

    private void onFrame(Frame<ServerMessage> frame) {
        ServerMessage message = frame.header();
        if (message instanceof Delivery) {
            if (deliveryHandler == null) {
                earlyDeliveries.add(frame);
            } else {
                deliveryHandler.accept(frame);
            }
        } else if (message instanceof Accepted accepted) {
            acceptedHandler.accept(accepted);
            Promise<Accepted> promise = pendingSends.remove(accepted.id());
            if (promise != null) {
                promise.tryComplete(accepted);
            }
        } else if (message instanceof Receipt receipt) {
            Promise<Receipt> promise = pendingReceipts.remove(receipt.id());
            if (promise != null) {
                promise.tryComplete(receipt);
            }
            receiptHandler.accept(receipt);
        } else if (message instanceof AccountDeleted deleted) {
            accountDeleted = true;
            closeReason = "the account " + deleted.user() + " was deleted";
            if (pendingDeletion != null) {
                pendingDeletion.tryComplete(deleted);
            }
        } else if (message instanceof PresenceNotice notice) {
            presenceHandler.accept(notice);
        } else if (message instanceof Ping) {
            write(new Pong());
        } else if (message instanceof UserList list) {
            Promise<UserList> promise = pendingWho.remove(list.id());
            if (promise != null) {
                promise.tryComplete(list);
            }
        } else if (message instanceof UserKeys keys) {
            Promise<UserKeys> promise = pendingKeys.remove(keys.id());
            if (promise != null) {
                promise.tryComplete(keys);
            }
        } else if (message instanceof GroupInfo || message instanceof GroupList) {
            String id = message instanceof GroupInfo info ? info.id() : ((GroupList) message).id();
            Promise<ServerMessage> promise = id == null ? null : pendingGroups.remove(id);
            if (promise != null) {
                promise.tryComplete(message);
            }
        } else if (message instanceof GroupNotice notice) {
            groupNoticeHandler.accept(notice);
        } else if (message instanceof ServerHello serverHello) {
            completeOrIgnore(hello, serverHello);
        } else if (message instanceof Welcome w) {
            completeOrIgnore(welcome, w);
        } else if (message instanceof ErrorFrame error) {
            onError(error);
        }
    }

    private void onError(ErrorFrame error) {
        RefusedException refused = new RefusedException(error.code(), error.message(), error.retryAfterMillis());
        if (error.ref() != null) {
            Promise<Accepted> send = pendingSends.remove(error.ref());
            if (send != null) {
                send.tryFail(refused);
                return;
            }
            Promise<UserList> who = pendingWho.remove(error.ref());
            if (who != null) {
                who.tryFail(refused);
                return;
            }
            Promise<UserKeys> keys = pendingKeys.remove(error.ref());
            if (keys != null) {
                keys.tryFail(refused);
                return;
            }
            Promise<ServerMessage> group = pendingGroups.remove(error.ref());
            if (group != null) {
                group.tryFail(refused);
                return;
            }
            Promise<Receipt> receipt = pendingReceipts.remove(error.ref());
            if (receipt != null) {
                receipt.tryFail(refused);
            }
            if (!error.code().fatal()) {
                lateErrorHandler.accept(error);
                return;
            }
        }
        if (error.code().fatal()) {
            closeReason = error.code() + ": " + error.message();
        }
        failIfPending(hello, refused);
        failIfPending(welcome, refused);
        Promise<AccountDeleted> deletion = pendingDeletion;
        if (deletion != null) {
            deletion.tryFail(refused);
        }
    }

    private void onClosed() {
        if (watchdog >= 0) {
            context.owner().cancelTimer(watchdog);
        }
        if (closeReason == null) {
            closeReason = hello != null && !hello.future().isComplete()
                    ? "the node closed the connection before its hello (a node that speaks TLS closes plaintext"
                    + " connections: leave out --plaintext)"
                    : "the node closed the connection";
        }
        ConnectionClosedException gone = new ConnectionClosedException(closeReason);
        failIfPending(hello, gone);
        failIfPending(welcome, gone);
        pendingSends.values().forEach(p -> p.tryFail(gone));
        pendingWho.values().forEach(p -> p.tryFail(gone));
        pendingKeys.values().forEach(p -> p.tryFail(gone));
        pendingReceipts.values().forEach(p -> p.tryFail(gone));
        pendingGroups.values().forEach(p -> p.tryFail(gone));
        pendingGroups.clear();
        pendingSends.clear();
        pendingWho.clear();
        pendingKeys.clear();
        pendingReceipts.clear();
        closed.tryComplete();
    }

    /** Declares the node gone when it has been silent for three of its heartbeat periods. */
    private void startWatchdog(int heartbeatSeconds) {
        long limit = TimeUnit.SECONDS.toNanos(3L * heartbeatSeconds);
        watchdog = context.owner().setPeriodic(TimeUnit.SECONDS.toMillis(heartbeatSeconds), id -> {
            if (!readingPaused && System.nanoTime() - lastHeard > limit) {
                closeReason = "the node stopped answering (no heartbeat for " + 3 * heartbeatSeconds + " s)";
                socket.close();
            }
        });
    }

    private static <T> void completeOrIgnore(Promise<T> promise, T value) {
        if (promise != null) {
            promise.tryComplete(value);
        }
    }

    private static void failIfPending(Promise<?> promise, Throwable cause) {
        if (promise != null) {
            promise.tryFail(cause);
        }
    }
}
