package org.parley.node.media.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code parley-node media}: the video library's tools for operators. */
@Command(name = "media", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The node's video library: import videos into its media folder, make a test card, list it.",
        subcommands = {ImportCommand.class, TestcardCommand.class, ListCommand.class})
public final class MediaCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
