package org.parley.node;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.config.NodeConfigLoader;
import org.parley.node.discovery.Discovery;

/**
 * The node's side of LAN discovery that needs no multicast: off by default, and a clear refusal to
 * start when asked to announce on an interface that cannot carry it. Two nodes finding each other
 * over mDNS, in a network namespace of the test's own, is cli-client's {@code LanDiscoveryTest}.
 */
class NodeDiscoveryTest {

    @TempDir
    Path dataDir;

    private final Vertx vertx = Vertx.vertx();
    private final NodeFixture nodes = new NodeFixture();

    @AfterEach
    void stop() throws Exception {
        nodes.stopAll();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void withoutDiscoveryTheNodeOpensNoMdnsAndSendsNothingToTheLan() throws Exception {
        // GIVEN / WHEN a node started as every node starts unless told otherwise
        Node node = nodes.start(vertx, dataDir, Map.of("name", "node-a"));

        // THEN its discovery is the kind that opens nothing, and no JmDNS thread runs in this JVM
        assertInstanceOf(Discovery.Off.class, node.discovery());
        assertTrue(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .noneMatch(name -> name.contains("JmDNS") || name.startsWith("SocketListener(")),
                "no mDNS socket or timer was opened");
    }

    @Test
    void discoveryOnAnInterfaceWithoutMulticastRefusesToStartAndSaysHowToFixIt() throws Exception {
        assumeFalse(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()).supportsMulticast(),
                "this machine's loopback carries multicast, so a node on it can announce itself");

        ExecutionException refused = assertThrows(ExecutionException.class, () -> Node.start(vertx,
                        NodeConfigLoader.of(Map.of("name", "node-a", "port", 0, "s2sPort", 0, "plaintext", true,
                                "dataDir", dataDir.toString(), "discovery.enabled", true)).load())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));

        String message = refused.getCause().getMessage();
        assertTrue(message.startsWith("cannot announce on the LAN: discovery is on, but the interface of host"
                + " 127.0.0.1 (lo) cannot send multicast"), message);
        assertTrue(message.contains("ip link set lo multicast on"), message);
    }
}
