package org.parley.federation.wire;

/**
 * A directory entry as its origin node signed it: {@code entry} is the JSON text of a
 * {@link org.parley.federation.gossip.DirectoryEntry} and {@code signature} the origin's Ed25519
 * signature over {@code "parley-entry-v1\n" + entry}. Carrying the signed text (not a re-encoding)
 * means no canonical JSON is needed.
 */
public record SignedEntry(String entry, String signature) {
}
