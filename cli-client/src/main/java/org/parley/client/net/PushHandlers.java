package org.parley.client.net;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.parley.protocol.frame.Frame;
import org.parley.protocol.message.ServerMessage;

/**
 * What is done with each kind of frame the node sends unasked (a message, a receipt, a presence or
 * group notice, a ping, an error about something already answered), chosen by the frame's type. A
 * type may have several handlers (the messenger's and the shell's, say); they run in the order they
 * were added, on the connection's event loop.
 */
final class PushHandlers {

    private final Map<Class<? extends ServerMessage>, List<Consumer<Frame<ServerMessage>>>> handlers =
            new ConcurrentHashMap<>();

    /** Adds a handler for frames of {@code type} that needs only the header. */
    <T extends ServerMessage> void on(Class<T> type, Consumer<? super T> handler) {
        onFrame(type, frame -> handler.accept(type.cast(frame.header())));
    }

    /** Adds a handler for whole frames of {@code type}, body and all. */
    void onFrame(Class<? extends ServerMessage> type, Consumer<Frame<ServerMessage>> handler) {
        handlers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Hands {@code frame} to the handlers of its type; a type nobody handles is let go. */
    void dispatch(Frame<ServerMessage> frame) {
        List<Consumer<Frame<ServerMessage>>> forType = handlers.get(frame.header().getClass());
        if (forType != null) {
            forType.forEach(handler -> handler.accept(frame));
        }
    }
}
