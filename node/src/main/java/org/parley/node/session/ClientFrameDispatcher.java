package org.parley.node.session;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ClientMessage;
import org.parley.protocol.message.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks each frame against the connection's state, then hands it to the one handler registered
 * for its type in that state. A frame with no handler in the current state is refused: before
 * login with {@link ErrorCode#NOT_LOGGED_IN}, after it with {@link ErrorCode#UNEXPECTED_FRAME}.
 */
public final class ClientFrameDispatcher implements FrameSink {

    private static final Logger LOG = LoggerFactory.getLogger(ClientFrameDispatcher.class);

    private final Map<ClientConnection.State, Map<Class<?>, FrameHandler<?>>> handlers =
            new EnumMap<>(ClientConnection.State.class);
    private final BiConsumer<ClientConnection, String> onClosed;
    private BiConsumer<ClientConnection, byte[]> voicePackets = (connection, packet) -> connection.fail(
            ErrorCode.MALFORMED_FRAME, "a voice packet, but this node takes no voice on its WebSocket", null);

    /** @param onClosed told about every connection that ends, with the reason */
    public ClientFrameDispatcher(BiConsumer<ClientConnection, String> onClosed) {
        this.onClosed = onClosed;
    }

    /** Registers {@code handler} for frames of {@code type} while a connection is in {@code state}. */
    public <T extends ClientMessage> ClientFrameDispatcher on(ClientConnection.State state, Class<T> type,
                                                              FrameHandler<T> handler) {
        handlers.computeIfAbsent(state, s -> new HashMap<>()).put(type, handler);
        return this;
    }

    /** Gives every voice packet a client sends on its WebSocket to {@code handler}. */
    public ClientFrameDispatcher onVoicePackets(BiConsumer<ClientConnection, byte[]> handler) {
        this.voicePackets = handler;
        return this;
    }

    @Override
    public void onVoicePacket(ClientConnection connection, byte[] packet) {
        voicePackets.accept(connection, packet);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onFrame(ClientConnection connection, Frame<ClientMessage> frame) {
        ClientMessage message = frame.header();
        ClientConnection.State state = connection.state();
        FrameHandler<ClientMessage> handler = (FrameHandler<ClientMessage>)
                handlers.getOrDefault(state, Map.of()).get(message.getClass());
        if (handler != null) {
            handler.handle(connection, message, frame.body());
            return;
        }
        String type = typeName(message);
        switch (state) {
            case AWAITING_HELLO, AWAITING_LOGIN -> connection.fail(ErrorCode.NOT_LOGGED_IN,
                    "a '" + type + "' frame arrived before login; send hello, then login", null);
            case AUTHENTICATING -> connection.fail(ErrorCode.UNEXPECTED_FRAME,
                    "a '" + type + "' frame arrived before the answer to login", null);
            default -> connection.fail(ErrorCode.UNEXPECTED_FRAME,
                    "a '" + type + "' frame is not valid once logged in", null);
        }
    }

    @Override
    public void onClosed(ClientConnection connection, String reason) {
        LOG.debug("Connection {} closed: {}", connection.describe(), reason);
        onClosed.accept(connection, reason);
    }

    private static String typeName(ClientMessage message) {
        com.fasterxml.jackson.annotation.JsonSubTypes subtypes =
                ClientMessage.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class);
        for (com.fasterxml.jackson.annotation.JsonSubTypes.Type subtype : subtypes.value()) {
            if (subtype.value() == message.getClass()) {
                return subtype.name();
            }
        }
        return message.getClass().getSimpleName();
    }
}
