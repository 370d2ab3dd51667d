package org.parley.protocol.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "bob_2", "node-a", "x.y", "0", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsNamesThatFollowTheRule(String name) {
        assertTrue(Name.isValid(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "bob smith", "a@b", "*", "abcdefghijklmnopqrstuvwxyz0123456", "é", "a/b", "tab\t"})
    void refusesNamesThatBreakTheRule(String name) {
        assertFalse(Name.isValid(name));
    }

    @Test
    void theRefusalQuotesTheNameAndTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Name.require("Bob\n", "user name"));

        assertEquals("invalid user name 'Bob\\u000a': " + Name.RULE, e.getMessage());
    }

    @Test
    void addressesResolveAgainstTheDefaultNode() {
        assertEquals(new UserAddress("bob", "node-a"), UserAddress.parse("bob", "node-a"));
        assertEquals(new UserAddress("bob", "node-b"), UserAddress.parse("bob@node-b", "node-a"));
        assertEquals("bob@node-b", UserAddress.parse("bob@node-b", "node-a").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@node-b", "bob", "Bob@node-b", "bob@", "@node-b", "bob@node@b", "bob@Node-b"})
    void aQualifiedAddressIsWhatParseAcceptsWithANodeAndQualifyWritesWhatParseWould(String text) {
        boolean parses;
        try {
            UserAddress parsed = UserAddress.parse(text, "node-a");
            parses = true;
            assertEquals(parsed.toString(), UserAddress.qualify(text, "node-a"));
        } catch (IllegalArgumentException e) {
            parses = false;
            assertThrows(IllegalArgumentException.class, () -> UserAddress.qualify(text, "node-a"));
        }
        assertEquals(parses && text.contains("@"), UserAddress.isQualified(text));
    }

    @Test
    void starIsEveryone() {
        assertInstanceOf(Recipient.Everyone.class, Recipient.parse("*", "node-a"));
        assertThrows(IllegalArgumentException.class, () -> Recipient.parse("bob@", "node-a"));
        assertThrows(IllegalArgumentException.class, () -> Recipient.parse("@node-a", "node-a"));
    }
}
