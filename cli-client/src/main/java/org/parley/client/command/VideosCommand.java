package org.parley.client.command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.parley.client.output.VideoLines;
import org.parley.protocol.message.VideoList;
import org.parley.protocol.message.VideoList.VideoSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code parley videos}: every video on the network, or on one node, with its length, resolutions
 * and whether the mixed mode is possible.
 */
@Command(name = "videos", description = "List the network's videos with their resolutions.",
        mixinStandardHelpOptions = true)
public final class VideosCommand implements Callable<Integer> {

    @ParentCommand
    private ParleyCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--node", paramLabel = "NODE", description = "only the videos of this node")
    private String node;

    @Option(names = "--json", description = "one JSON object per video: video, durationMillis, segments, mixed,"
            + " renditions (resolution, width, height, codec, bytes, bitrate)")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        try (ClientRuntime runtime = ClientRuntime.open(parent.connection())) {
            VideoList list = Await.result(runtime.session().videos(node), ClientRuntime.REQUEST_TIMEOUT,
                    "asking for the videos");
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                for (VideoSummary video : list.videos()) {
                    out.println(VideoLines.json(video));
                }
            } else {
                VideoLines.table(list.videos(), node).forEach(out::println);
            }
            out.flush();
            return ExitCode.OK;
        }
    }
}
