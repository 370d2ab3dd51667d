package org.parley.client.net;

/**
 * How a client decides whether the node it reached is the node it meant: TLS with the node's
 * certificate checked against the one pinned for that address, or (when the user insisted)
 * plaintext.
 */
public interface NodeTrust {

    /** No TLS, nothing to check: only when the user asked for it. */
    NodeTrust PLAINTEXT = new NodeTrust() {
        @Override
        public boolean tls() {
            return false;
        }

        @Override
        public void check(String address, String fingerprint) {
        }
    };

    /** Whether to speak TLS at all. */
    boolean tls();

    /**
     * Accepts or refuses the certificate {@code fingerprint} presented at {@code address}
     * ({@code host:port}); pins it on first contact.
     *
     * @throws ConnectionClosedException with words for the user when it is refused
     */
    void check(String address, String fingerprint) throws ConnectionClosedException;
}
