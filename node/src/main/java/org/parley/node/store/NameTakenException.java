package org.parley.node.store;

/**
 * Two registrations raced for one name and this one lost.
 */
public final class NameTakenException extends RuntimeException {

    public NameTakenException(String name) {
        super("name '" + name + "' is already registered");
    }
}
