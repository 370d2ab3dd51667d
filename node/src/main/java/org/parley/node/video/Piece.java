package org.parley.node.video;

/**
 * A piece of a video on its way to a viewer's client: what it is, its bytes, and what its upstream
 * needs to hear once the client's connection took it ({@code item}: the bulk item it came in, 0 when
 * read here; {@code bytes}: what it held against its upstream's allowance).
 */
record Piece(VideoPiece info, byte[] body, long item, long bytes) {
}
