package org.parley.bench;

/**
 * What the load generator talks to: a Parley node, or the bare relay that is its ceiling.
 */
enum Target { NODE, RELAY }
