package org.parley.client.e2ee;

import org.parley.protocol.e2ee.FileOffer;
import org.parley.protocol.e2ee.SenderKey;
import org.parley.client.output.MessageLine;
import org.parley.protocol.e2ee.OpenFailure;

/** What became of a message that arrived: shown, or refused with a warning for the user. */
public sealed interface Incoming {

    record Shown(MessageLine message) implements Incoming {
    }

    record Refused(String id, String from, OpenFailure.Kind kind, String warning) implements Incoming {
    }

    /** Someone sends us a file: this is its name, size, hash and key; its chunks follow. */
    record FileOffered(String from, FileOffer offer) implements Incoming {
    }

    /** Someone we sent a file to declined it. */
    record FileDeclined(String from, org.parley.protocol.e2ee.FileDeclined declined) implements Incoming {
        public String notice() {
            return from + " declined your file '" + org.parley.client.output.MessageLine.printable(declined.name())
                    + "'";
        }
    }

    /** A file was sent to us and waits at the node, since this command does not take files. */
    record FileWaiting(String from, String name, long size) implements Incoming {
        public String notice() {
            return from + " sent you the file '" + org.parley.client.output.MessageLine.printable(name) + "' ("
                    + org.parley.client.output.ProgressLine.bytes(size) + "); it waits at your node for"
                    + " 'parley receive-files --dir DIR'";
        }
    }

    /** A member gave us their key for a group: nothing to show, but what waited for it can now be opened. */
    record KeyGiven(String from, SenderKey key) implements Incoming {
    }

    /** A participant of a voice room gave us their key for it: nothing to show; the call opens their audio with it. */
    record VoiceKeyGiven(String from, org.parley.protocol.voice.VoiceKey key) implements Incoming {
    }
}
