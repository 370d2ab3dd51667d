package org.parley.client.e2ee;

/** A message sealed for {@code to} (the full name of a user, or a group), ready to hand to the node. */
record Sealed(String to, byte[] body) {
}
