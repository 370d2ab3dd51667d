package org.parley.client.identity;

/** The user's keys are sealed under a passphrase, and none that opens them was given. */
public final class KeysLockedException extends IllegalStateException {

    KeysLockedException(String message) {
        super(message);
    }
}
