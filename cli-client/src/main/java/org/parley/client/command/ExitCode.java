package org.parley.client.command;

/**
 * What {@code parley} exits with; scripts rely on these.
 */
public final class ExitCode {

    public static final int OK = 0;
    /** Refused by the node, could not connect, connection lost, or a local error. */
    public static final int ERROR = 1;
    /** The command line itself was wrong. */
    public static final int USAGE = 2;
    /** {@code listen --timeout} ran out before {@code --count} messages arrived. */
    public static final int TIMEOUT = 3;

    private ExitCode() {
    }
}
