package org.parley.node;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.parley.node.metrics.NodeMetrics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.parley.node.admin.HangUpReload;
import org.parley.node.admin.LifecycleAdmin;
import org.parley.node.admin.command.AdminCommand;
import org.parley.node.config.NodeConfig;
import org.parley.node.media.command.MediaCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code parley-node}: starts a node from a config file and flags that override it.
 */
@Command(name = "parley-node", mixinStandardHelpOptions = true, version = "parley-node 0.1.0",
        description = "Runs a Parley node. Every setting has a default; flags override the config file.",
        sortOptions = false, subcommands = {FingerprintCommand.class, MediaCommand.class, AdminCommand.class})
public final class NodeMain implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private NodeOptions options;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig settings = options.load(err);
        if (settings == null) {
            return 2;
        }
        VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(Math.max(2, settings.network().eventLoops()));
        NodeMetrics metrics = NodeMetrics.create();
        // With metrics on, Vert.x's own meters (servers, event bus, pools, the JVM) join the node's.
        Vertx vertx = settings.metrics().enabled() ? metrics.vertx(vertxOptions) : Vertx.vertx(vertxOptions);
        Node node;
        try {
            node = Node.start(vertx, options::read, metrics).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            err.println("parley-node: cannot start " + settings.name() + " on " + settings.network().host() + ":"
                    + settings.network().port() + ": " + cause.getMessage());
            err.flush();
            vertx.close();
            return 1;
        }
        HangUpReload.install(node::reload);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // SIGTERM drains as `parley-node admin drain` does, within the time service managers give
                // (systemd waits 90 s by default); the store is closed at the end of it.
                node.drain("SIGTERM", LifecycleAdmin.DEFAULT_DRAIN_MILLIS).toCompletionStage().toCompletableFuture()
                        .get(LifecycleAdmin.DEFAULT_DRAIN_MILLIS + 10_000, TimeUnit.MILLISECONDS);
                // Vert.x cannot always complete its own close future while its threads wind down.
                vertx.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // Exiting anyway; the store is WAL and survives an abrupt stop.
            }
        }, "parley-node-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("parley-node " + settings.name() + " ready: clients on " + settings.network().host() + ":" + node.port()
                + ", nodes on " + settings.network().host() + ":" + node.s2sPort() + ", web on " + node.webUrl() + " (WebSocket "
                + node.webSocketUrl() + "), voice on " + settings.network().host() + ":" + node.voicePort() + " (UDP), key " + node.federation().fingerprint() + ", " + node.security().describe());
        out.flush();
        try {
            // Until the node stops: drained by its operator, or by SIGTERM (whose hook also ends the JVM).
            node.whenStopped().toCompletionStage().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            err.println("parley-node: " + settings.name() + " did not stop cleanly: " + e.getCause().getMessage());
            err.flush();
        }
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                .join();
        return 0;
    }

    public static void main(String[] args) {
        int code = new CommandLine(new NodeMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
