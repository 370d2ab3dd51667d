package org.parley.client.net;

import org.parley.protocol.message.ServerHello;

/**
 * How a client decides whether the node it reached is the node it meant: TLS, with the node's
 * identity key (which signs its certificate, in its hello) checked against the one pinned for that
 * address, or (when the user insisted) plaintext.
 */
public interface NodeTrust {

    /** No TLS, nothing to check: only when the user asked for it. */
    NodeTrust PLAINTEXT = new NodeTrust() {
        @Override
        public boolean tls() {
            return false;
        }

        @Override
        public void check(String address, String certificate, ServerHello hello) {
        }
    };

    /** Whether to speak TLS at all. */
    boolean tls();

    /**
     * Accepts or refuses the node at {@code address} ({@code host:port}), which served TLS
     * certificate {@code certificate} (its fingerprint) and said {@code hello}; pins it on first
     * contact. Called before anything of the user's is sent.
     *
     * @throws ConnectionClosedException with words for the user when it is refused
     */
    void check(String address, String certificate, ServerHello hello) throws ConnectionClosedException;
}
