package org.parley.client.trust;

/**
 * A user's keys differ from the ones pinned for them. Nothing is sent to the new keys until the
 * user accepts them with {@code trust}.
 */
public final class KeyChangedException extends IllegalStateException {

    private final String user;

    public KeyChangedException(String user, PublicKeys pinned, PublicKeys offered) {
        super("the keys of " + user + " have CHANGED: you trusted " + pinned.fingerprint() + ", the network now gives "
                + offered.fingerprint() + ". This happens when they reinstall, or when a node lies about them. "
                + "Nothing was sent. Compare safety numbers with " + user + " (parley fingerprint " + user
                + "), then accept the new keys with: parley trust " + user);
        this.user = user;
    }

    public String user() {
        return user;
    }
}
