package org.parley.federation;

/**
 * Where to dial a peer node's server-to-server port, written {@code host:port}.
 */
public record PeerAddress(String host, int port) {

    public PeerAddress {
        if (host == null || host.isBlank() || host.chars().anyMatch(c -> c <= ' ' || c == '/')) {
            throw new IllegalArgumentException("peer host '" + host + "' is not a host name or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer port must be between 1 and 65535, got " + port);
        }
    }

    /**
     * Parses {@code host:port}; an IPv6 literal goes in brackets ({@code [::1]:5051}).
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static PeerAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("peer address is missing; expected HOST:PORT");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("peer address '" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer address '" + text + "' has a port that is not a number");
        }
        return new PeerAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
