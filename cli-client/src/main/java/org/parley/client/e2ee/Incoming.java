package org.parley.client.e2ee;

import org.parley.protocol.e2ee.SenderKey;
import org.parley.client.output.MessageLine;
import org.parley.protocol.e2ee.OpenFailure;

/** What became of a message that arrived: shown, or refused with a warning for the user. */
public sealed interface Incoming {

    record Shown(MessageLine message) implements Incoming {
    }

    record Refused(String id, String from, OpenFailure.Kind kind, String warning) implements Incoming {
    }

    /** A member gave us their key for a group: nothing to show, but what waited for it can now be opened. */
    record KeyGiven(String from, SenderKey key) implements Incoming {
    }
}
