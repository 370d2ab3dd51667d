package org.parley.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.ErrorFrame;
import org.parley.protocol.message.ServerMessage;
import org.parley.transport.Framing;

/**
 * What clients and the node say to each other, counted on the hot path: connections, logins, frames
 * each way by type, refusals by error code, rate-limit refusals by where they struck. Every counter
 * is made once, at start, for every label value it can have, and found by class or enum, so counting
 * a frame allocates nothing. Safe from any thread.
 */
public final class ClientTraffic {

    /** Where a rate limit refused a client: at the connection gate, while logging in, or a request once in. */
    public enum LimitStage { CONNECTION, LOGIN, REQUEST }

    private final Map<Class<?>, Counter> received;
    private final Map<Class<?>, Counter> sent;
    private final FrameTypes serverTypes = new FrameTypes(ServerMessage.class);
    /** By index into the server's type names, for frames counted already encoded. */
    private final Counter[] sentByIndex;
    private final Counter sentUnknown;
    private final Map<Framing, Counter> opened = new EnumMap<>(Framing.class);
    private final LongAdder open = new LongAdder();
    private final Counter logins;
    private final Map<ErrorCode, Counter> failedLogins = new EnumMap<>(ErrorCode.class);
    private final Map<ErrorCode, Counter> refusals = new EnumMap<>(ErrorCode.class);
    private final Map<LimitStage, Counter> rateLimited = new EnumMap<>(LimitStage.class);

    ClientTraffic(MeterRegistry registry) {
        received = countersByClass(registry, new FrameTypes(ClientMessage.class), ClientMessage.class,
                "parley_client_frames_received", "Frames clients sent this node, by type");
        sent = countersByClass(registry, serverTypes, ServerMessage.class,
                "parley_client_frames_sent", "Frames this node sent its clients, by type");
        String[] names = serverTypes.names();
        sentByIndex = new Counter[names.length];
        for (int i = 0; i < names.length; i++) {
            sentByIndex[i] = sentCounter(registry, names[i]);
        }
        sentUnknown = sentCounter(registry, "other");
        for (Framing framing : Framing.values()) {
            opened.put(framing, Counter.builder("parley_client_connections_opened")
                    .description("Client connections accepted, by carrier (stream: TCP; messages: WebSocket)")
                    .tag("carrier", framing == Framing.STREAM ? "tcp" : "websocket").register(registry));
        }
        Gauge.builder("parley_client_connections", open, LongAdder::sum)
                .description("Client connections open now, logged in or not").register(registry);
        logins = Counter.builder("parley_logins").description("Logins that succeeded").register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            failedLogins.put(code, Counter.builder("parley_logins_failed")
                    .description("Connections refused before they logged in, by the error code they were sent")
                    .tag("reason", code.name()).register(registry));
            refusals.put(code, Counter.builder("parley_refusals")
                    .description("Error frames sent to clients, by error code").tag("code", code.name())
                    .register(registry));
        }
        for (LimitStage stage : LimitStage.values()) {
            rateLimited.put(stage, Counter.builder("parley_rate_limit_refusals")
                    .description("Requests and connections refused by a rate limit or cap, by where")
                    .tag("stage", stage.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    private static Map<Class<?>, Counter> countersByClass(MeterRegistry registry, FrameTypes types, Class<?> family,
                                                          String name, String description) {
        Map<Class<?>, Counter> counters = new HashMap<>();
        for (Class<?> type : family.getPermittedSubclasses()) {
            counters.put(type, Counter.builder(name).description(description).tag("type", types.nameOf(type))
                    .register(registry));
        }
        return Map.copyOf(counters);
    }

    private static Counter sentCounter(MeterRegistry registry, String type) {
        return Counter.builder("parley_client_frames_sent").description("Frames this node sent its clients, by type")
                .tag("type", type).register(registry);
    }

    public void connectionOpened(Framing framing) {
        opened.get(framing).increment();
        open.increment();
    }

    public void connectionClosed() {
        open.decrement();
    }

    public void received(ClientMessage message) {
        received.get(message.getClass()).increment();
    }

    public void sent(ServerMessage message) {
        sent.get(message.getClass()).increment();
        if (message instanceof ErrorFrame error) {
            refusals.get(error.code()).increment();
        }
    }

    /** A frame encoded before it was handed to the connection, counted by the type its header names. */
    public void sentEncoded(byte[] frame) {
        int index = serverTypes.indexOfEncoded(frame);
        (index < 0 ? sentUnknown : sentByIndex[index]).increment();
    }

    public void loggedIn() {
        logins.increment();
    }

    /** The connection was refused with {@code code} before it logged in. */
    public void loginFailed(ErrorCode code) {
        failedLogins.get(code).increment();
    }

    public void rateLimited(LimitStage stage) {
        rateLimited.get(stage).increment();
    }
}
