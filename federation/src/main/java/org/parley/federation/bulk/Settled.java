package org.parley.federation.bulk;

import org.parley.federation.wire.Refusal;

/**
 * The receiving node's word on item {@code seq}: settling an item also gives its bytes back to the
 * sender as credit. {@code refusal} is set only when {@code how} is {@link Settlement#REFUSED}.
 */
public record Settled(long seq, Settlement how, Refusal refusal) {

    public Settled {
        if ((how == Settlement.REFUSED) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal goes with REFUSED and only with it");
        }
    }

    public static Settled as(long seq, Settlement how) {
        return new Settled(seq, how, null);
    }

    public static Settled refused(long seq, Refusal why) {
        return new Settled(seq, Settlement.REFUSED, why);
    }
}
