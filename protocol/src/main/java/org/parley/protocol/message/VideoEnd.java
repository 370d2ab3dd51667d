package org.parley.protocol.message;

/**
 * Stream {@code id} ended. {@code complete} when every segment up to the video's end came (or the
 * client asked to stop it); otherwise the path to the node holding the video broke, {@code reason}
 * says how, and a client resumes by watching again from {@code nextSegment}.
 *
 * @param nextSegment the first segment the client did not get whole
 */
public record VideoEnd(String id, boolean complete, int nextSegment, String reason) implements ServerMessage {
}
