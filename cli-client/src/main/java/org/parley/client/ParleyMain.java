package org.parley.client;

import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.parley.client.command.ConnectionOptions;
import org.parley.client.command.ExitCode;
import org.parley.client.command.ParleyCommand;
import org.parley.client.net.ConnectionClosedException;
import org.parley.client.net.RefusedException;
import picocli.CommandLine;

/**
 * Entry point of {@code parley}. Every failure becomes one line on stderr and a non-zero exit.
 */
public final class ParleyMain {

    private ParleyMain() {
    }

    public static CommandLine commandLine() {
        return commandLine(new ConnectionOptions());
    }

    /** The command line reading its environment and terminal from {@code connection} (tests give their own). */
    public static CommandLine commandLine(ConnectionOptions connection) {
        CommandLine cli = new CommandLine(new ParleyCommand(connection));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("parley: " + describe(e));
            line.getErr().flush();
            return ExitCode.ERROR;
        });
        return cli;
    }

    static String describe(Exception e) {
        if (e instanceof RefusedException refused) {
            return refused.getMessage() + " (" + refused.code() + ")";
        }
        if (e instanceof ConnectionClosedException || e instanceof TimeoutException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return "cannot use the home folder: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
