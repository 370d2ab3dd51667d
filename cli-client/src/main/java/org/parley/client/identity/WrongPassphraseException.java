package org.parley.client.identity;

/** The passphrase does not open the key file (or the file was altered, which looks the same). */
public final class WrongPassphraseException extends Exception {

    WrongPassphraseException() {
        super("wrong passphrase");
    }
}
