package org.parley.node;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A test with several linked nodes: each test gets a fresh {@link Cluster}, stopped after it. */
@ExtendWith(VertxExtension.class)
public abstract class ClusterTest {

    @TempDir
    protected Path root;

    protected Cluster cluster;

    @BeforeEach
    protected void startCluster(Vertx vertx) {
        cluster = new Cluster(vertx, root);
    }

    @AfterEach
    protected void stopCluster() throws Exception {
        cluster.close();
    }
}
