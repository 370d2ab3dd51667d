package org.parley.bench;

import java.security.SecureRandom;
import org.parley.protocol.crypto.IdentityKeys;
import org.parley.protocol.e2ee.MessageSeal;
import org.parley.protocol.frame.FrameEncoder;
import org.parley.protocol.message.Send;

/**
 * Frames as a real client sends them: each message end-to-end encrypted and signed for its
 * recipient, with its own id. What this costs the sender is part of what {@code --e2ee} measures.
 */
final class SealedTemplate implements NextFrame {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityKeys sender;
    private final String from;
    private final String to;
    private final byte[] recipientAgreementKey;
    private final byte[] plaintext;
    private long next;

    SealedTemplate(IdentityKeys sender, String from, String to, byte[] recipientAgreementKey, int bodyBytes) {
        this.sender = sender;
        this.from = from;
        this.to = to;
        this.recipientAgreementKey = recipientAgreementKey.clone();
        this.plaintext = new byte[bodyBytes];
    }

    @Override
    public byte[] next() {
        String id = Long.toHexString(next++);
        byte[] body = MessageSeal.seal(sender, id, from, to, recipientAgreementKey, plaintext, RANDOM);
        return FrameEncoder.client().encode(new Send(id, to), body);
    }
}
