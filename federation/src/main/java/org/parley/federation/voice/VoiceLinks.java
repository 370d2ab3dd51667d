package org.parley.federation.voice;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.federation.link.PeerLink;
import org.parley.federation.wire.VoiceHello;
import org.parley.protocol.crypto.Base64Key;

/**
 * The voice paths between this node and the nodes it is linked with: UDP datagrams between their
 * voice ports, each authenticated with a key agreed over the link (each side sends its own random
 * key and number in a {@link VoiceHello} once the link is up) and numbered, so that a peer's
 * datagram cannot be forged, altered or played again. A path lives as long as its link; a new link
 * makes a new path, with new keys and a new {@link #generation}.
 *
 * <pre>
 * datagram:  u8 0xB8 | u64 number (chosen by the receiver) | u64 seq (from 1, per path and direction)
 *            | payload | 16 bytes: HMAC-SHA256 of everything before, under the sender's key, cut to 128 bits
 * </pre>
 *
 * <p>The federation calls {@link #linkUp}, {@link #hello} and {@link #linkClosed} on its context; the
 * node's relay seals and opens datagrams from its own. Thread-safe.
 */
public final class VoiceLinks {

    /** The first byte of a datagram between nodes (a client's start with 0xB7). */
    public static final byte MAGIC = (byte) 0xB8;
    /** The largest datagram between nodes: within an Ethernet frame with IP and UDP headers. */
    public static final int MAX_BYTES = 1400;
    private static final int HEADER = 1 + 8 + 8;
    /** The largest payload one datagram carries. */
    public static final int MAX_PAYLOAD = MAX_BYTES - HEADER - DatagramKey.TAG_BYTES;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, PeerVoice> byNode = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, PeerVoice> byNumber = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong();

    /**
     * A link came up (on the federation context): this node's half of its voice path, and the hello
     * that gives it to the peer.
     *
     * @param localPort this node's voice port
     */
    public VoiceHello linkUp(PeerLink link, int localPort) {
        byte[] key = new byte[DatagramKey.KEY_BYTES];
        random.nextBytes(key);
        long number;
        PeerVoice path;
        do {
            number = random.nextLong();
            path = new PeerVoice(link, number, key);
        } while (number == 0 || byNumber.putIfAbsent(number, path) != null);
        PeerVoice before = byNode.put(link.peerName(), path);
        if (before != null) {
            byNumber.remove(before.ownNumber, before);
        }
        return new VoiceHello(localPort, Base64Key.encode(key),
                Base64Key.encode(ByteBuffer.allocate(8).putLong(number).array()));
    }

    /**
     * The peer's hello arrived on {@code link} (on the federation context).
     *
     * @return what is wrong with it, in words for the log (the link is then refused), or null
     */
    public String hello(PeerLink link, VoiceHello hello) {
        PeerVoice path = byNode.get(link.peerName());
        if (path == null || path.link != link) {
            return null; // a link that lost to another, or was never announced: nothing rides on it
        }
        if (path.peer() != null) {
            return "sent a second voice-hello on the same link";
        }
        if (hello.port() < 1 || hello.port() > 65535) {
            return "gave voice port " + hello.port();
        }
        byte[] key;
        byte[] number;
        try {
            key = Base64Key.decode(hello.key(), DatagramKey.KEY_BYTES, "key");
            number = Base64Key.decode(hello.number(), 8, "number");
        } catch (IllegalArgumentException e) {
            return "sent a bad voice-hello: " + e.getMessage();
        }
        path.peer(new PeerVoice.Peer(link.remoteHost(), hello.port(), ByteBuffer.wrap(number).getLong(),
                new DatagramKey(key), new LinkReplayWindow(), generations.incrementAndGet()));
        return null;
    }

    /** The link closed (on the federation context): its voice path ends with it. */
    public void linkClosed(PeerLink link) {
        PeerVoice path = byNode.get(link.peerName());
        if (path != null && path.link == link) {
            byNode.remove(link.peerName(), path);
            byNumber.remove(path.ownNumber, path);
        }
    }

    /**
     * The generation of the voice path to {@code node}: a number that changes whenever the path does
     * (a new link, new keys), or 0 when there is none. What rides on a path (a participant on that
     * node) ends with it.
     */
    public long generation(String node) {
        PeerVoice path = byNode.get(node);
        PeerVoice.Peer peer = path == null ? null : path.peer();
        return peer == null ? 0 : peer.generation();
    }

    /**
     * {@code payload} sealed for {@code node}, with where to send it; null when there is no voice path
     * to that node (no link up, or its hello has not come).
     *
     * @throws IllegalArgumentException if the payload is larger than {@link #MAX_PAYLOAD}
     */
    public SealedDatagram seal(String node, byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a voice payload of " + payload.length + " bytes is over "
                    + MAX_PAYLOAD);
        }
        PeerVoice path = byNode.get(node);
        PeerVoice.Peer peer = path == null ? null : path.peer();
        if (peer == null) {
            return null;
        }
        byte[] datagram = new byte[HEADER + payload.length + DatagramKey.TAG_BYTES];
        ByteBuffer.wrap(datagram).put(MAGIC).putLong(peer.number()).putLong(path.sent.incrementAndGet())
                .put(payload);
        path.ownKey.tag(datagram, HEADER + payload.length);
        return new SealedDatagram(datagram, peer.host(), peer.port());
    }

    /** Checks a datagram that starts with {@link #MAGIC}: which path it came on, its tag, its number. */
    public OpenedDatagram open(byte[] datagram) {
        if (datagram.length < HEADER + DatagramKey.TAG_BYTES || datagram.length > MAX_BYTES
                || datagram[0] != MAGIC) {
            return new OpenedDatagram.Dropped(DatagramDrop.MALFORMED);
        }
        ByteBuffer in = ByteBuffer.wrap(datagram, 1, HEADER - 1);
        PeerVoice path = byNumber.get(in.getLong());
        PeerVoice.Peer peer = path == null ? null : path.peer();
        if (peer == null) {
            return new OpenedDatagram.Dropped(DatagramDrop.UNKNOWN_PATH);
        }
        int covered = datagram.length - DatagramKey.TAG_BYTES;
        if (!peer.key().verifies(datagram, covered)) {
            return new OpenedDatagram.Dropped(DatagramDrop.BAD_TAG);
        }
        if (!peer.window().take(in.getLong())) {
            return new OpenedDatagram.Dropped(DatagramDrop.REPLAYED);
        }
        byte[] payload = java.util.Arrays.copyOfRange(datagram, HEADER, covered);
        return new OpenedDatagram.Authentic(path.link.peerName(), peer.generation(), payload);
    }
}
