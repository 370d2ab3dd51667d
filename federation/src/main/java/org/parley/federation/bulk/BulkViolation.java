package org.parley.federation.bulk;

/**
 * A linked peer broke the rules of bulk streams (sent past its credit, out of order, too much at
 * once): its message says what it did, for the reset and the log.
 */
final class BulkViolation extends Exception {

    BulkViolation(String what) {
        super(what, null, false, false);
    }
}
