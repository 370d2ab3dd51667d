package org.parley.client.video;

import java.io.IOException;

/** The player stopped taking the stream: the person watching closed it. Not a failure of the watch. */
final class PlayerClosedException extends IOException {

    PlayerClosedException(String message) {
        super(message);
    }
}
