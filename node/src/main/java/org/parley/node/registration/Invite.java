package org.parley.node.registration;

/**
 * An invite code the operator made: it registers as many new names as it has uses left.
 *
 * @param code      what a new user gives at login ({@code parley --invite CODE})
 * @param usesLeft  registrations it may still make
 * @param uses      registrations it made so far
 * @param createdAt when it was made, in milliseconds since the epoch
 * @param createdBy who made it (the operator's OS user)
 */
public record Invite(String code, int usesLeft, int uses, long createdAt, String createdBy) {
}
