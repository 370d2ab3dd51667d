package org.parley.node.chat;

import org.parley.federation.Federation;
import org.parley.node.session.ClientConnection;
import org.parley.node.session.FrameHandler;
import org.parley.node.store.AccountStore;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.identity.UserAddress;
import org.parley.protocol.message.ErrorCode;
import org.parley.protocol.message.KeysRequest;
import org.parley.protocol.message.UserKeys;

/**
 * Answers a client's question "what are this user's public keys?" from the directory. A user of
 * this node who registered a moment ago may not be in the directory yet (its entry is signed on a
 * worker), so for this node's users the account store is asked when the directory has nothing.
 */
public final class KeysHandler implements FrameHandler<KeysRequest> {

    private final String nodeName;
    private final Federation federation;
    private final AccountStore accounts;

    public KeysHandler(String nodeName, Federation federation, AccountStore accounts) {
        this.nodeName = nodeName;
        this.federation = federation;
        this.accounts = accounts;
    }

    @Override
    public void handle(ClientConnection connection, KeysRequest request, byte[] body) {
        UserAddress address;
        try {
            address = UserAddress.parse(request.user(), nodeName);
        } catch (IllegalArgumentException | NullPointerException e) {
            connection.fail(ErrorCode.BAD_REQUEST, "cannot look up keys of '" + request.user() + "': "
                    + e.getMessage(), request.id());
            return;
        }
        var published = federation.directory().user(address);
        if (published.isPresent()) {
            connection.send(new UserKeys(request.id(), address.toString(), published.get().signingKey(),
                    published.get().agreementKey()));
        } else if (address.node().equals(nodeName)) {
            accounts.find(address.name()).onComplete(found -> connection.execute(() -> {
                if (found.succeeded() && found.result().isPresent()) {
                    connection.send(new UserKeys(request.id(), address.toString(),
                            Base64Key.encode(found.result().get().signingKey()),
                            Base64Key.encode(found.result().get().agreementKey())));
                } else {
                    unknown(connection, request, address);
                }
            }));
        } else {
            unknown(connection, request, address);
        }
    }

    private static void unknown(ClientConnection connection, KeysRequest request, UserAddress address) {
        connection.fail(ErrorCode.UNKNOWN_USER, "no user " + address, request.id());
    }
}
