package org.parley.protocol.message;

/**
 * Joins the voice room {@code room}: a group's ({@code #team@node-a}, members only) or a call with
 * one user ({@code bob@node-b}). A session is in one room at a time; joining another leaves the
 * first. Answered with {@link VoiceJoined}, or an {@link ErrorFrame} with {@code ref} {@code id}.
 */
public record VoiceJoin(String id, String room) implements ClientMessage {
}
