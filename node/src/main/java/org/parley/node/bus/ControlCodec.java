package org.parley.node.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.parley.protocol.frame.WireJson;

/**
 * How control commands and their answers cross the event bus. Within the JVM they are passed as
 * they are (records, immutable). Between JVMs (a clustered event bus) each is its type's name and
 * its JSON; only types a part of the node declared ({@link ControlBus#declare}) are read back, so a
 * peer on the bus cannot make this node build an object of any class it names.
 */
final class ControlCodec implements MessageCodec<Object, Object> {

    static final String NAME = "parley-control";
    private static final int NULL = -1;

    /** Declared types by name; the same classes for every node of the JVM. */
    private static final Map<String, Class<?>> DECLARED = new ConcurrentHashMap<>();

    static void declare(Class<?> type) {
        DECLARED.put(type.getName(), type);
    }

    @Override
    public void encodeToWire(Buffer buffer, Object value) {
        if (value == null) {
            buffer.appendInt(NULL);
            return;
        }
        if (!DECLARED.containsKey(value.getClass().getName())) {
            throw new IllegalArgumentException(value.getClass().getName() + " is not a declared control type");
        }
        byte[] name = value.getClass().getName().getBytes(StandardCharsets.UTF_8);
        byte[] json;
        try {
            json = WireJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.appendInt(name.length).appendBytes(name).appendInt(json.length).appendBytes(json);
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
        int nameLength = buffer.getInt(pos);
        if (nameLength == NULL) {
            return null;
        }
        String name = buffer.getString(pos + 4, pos + 4 + nameLength, StandardCharsets.UTF_8.name());
        Class<?> type = DECLARED.get(name);
        if (type == null) {
            throw new IllegalArgumentException("'" + name + "' is not a control type this node knows");
        }
        int at = pos + 4 + nameLength;
        int jsonLength = buffer.getInt(at);
        try {
            return WireJson.mapper().readValue(buffer.getBytes(at + 4, at + 4 + jsonLength), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("a " + type.getSimpleName() + " that cannot be read: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Object transform(Object value) {
        return value; // records: immutable, safe to share between contexts
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
