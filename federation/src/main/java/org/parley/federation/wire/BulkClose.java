package org.parley.federation.wire;

/** The opener of {@code stream} ends it: every item it sent was settled, and it sends no more. */
public record BulkClose(int stream) implements BulkMessage {
}
