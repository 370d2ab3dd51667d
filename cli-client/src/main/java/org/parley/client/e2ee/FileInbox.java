package org.parley.client.e2ee;

import io.vertx.core.Future;
import org.parley.protocol.e2ee.FileChunk;
import org.parley.protocol.e2ee.FileOffer;

/** What a command that takes files does with their pieces; each future completes once the piece is safe on disk. */
public interface FileInbox {

    Future<Void> offered(String from, FileOffer offer);

    Future<Void> chunk(String from, FileChunk chunk);
}
