package org.parley.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parley.node.Node;
import org.parley.node.NodeOptions;
import org.parley.node.config.NodeConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A node of this build with item authentication taken out ({@link NoItemAuthentication}), started
 * with parley-node's options and printing its ready line: the baseline of
 * {@code compare --baseline-unauthenticated}.
 */
@Command(name = "unauthenticated-node", mixinStandardHelpOptions = true)
public final class UnauthenticatedNode implements Callable<Integer> {

    @Mixin
    private NodeOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = new PrintWriter(System.err, true);
        NodeConfig settings = options.load(err);
        if (settings == null) {
            return 2;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(2, settings.network().eventLoops())));
        Node node = Node.startAuthenticatingWith(vertx, settings, (self, records) -> new NoItemAuthentication())
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        System.out.println("parley-node " + settings.name() + " ready: clients on " + settings.network().host() + ":"
                + node.port() + ", nodes on " + settings.network().host() + ":" + node.s2sPort()
                + ", without item authentication");
        System.out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new UnauthenticatedNode()).execute(args));
    }
}
