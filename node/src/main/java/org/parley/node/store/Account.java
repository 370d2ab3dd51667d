package org.parley.node.store;

import java.util.Arrays;

/**
 * A registered user of this node. {@code passwordHash} is a PHC-format Argon2id string, or null
 * when the account has no password.
 */
public record Account(String name, byte[] signingKey, byte[] agreementKey, String passwordHash, long createdAt) {

    public Account {
        signingKey = signingKey.clone();
        agreementKey = agreementKey.clone();
    }

    public boolean hasKeys(byte[] otherSigningKey, byte[] otherAgreementKey) {
        return Arrays.equals(signingKey, otherSigningKey) && Arrays.equals(agreementKey, otherAgreementKey);
    }

    @Override
    public byte[] signingKey() {
        return signingKey.clone();
    }

    @Override
    public byte[] agreementKey() {
        return agreementKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account a && name.equals(a.name) && Arrays.equals(signingKey, a.signingKey)
                && Arrays.equals(agreementKey, a.agreementKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Account[" + name + "]";
    }
}
