package org.parley.node.admin;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code kill -HUP PID} reloads the config, as daemons have long done, instead of ending the node.
 *
 * <p>Through {@code sun.misc.Signal} (module jdk.unsupported): Java has no supported API for catching
 * a signal, and this one is exported and kept on purpose for such uses; the JDK itself installs its
 * shutdown hooks with it. Without a handler, SIGHUP stops the JVM as SIGTERM does.
 */
public final class HangUpReload {

    private static final Logger LOG = LoggerFactory.getLogger(HangUpReload.class);

    private HangUpReload() {
    }

    /** Makes SIGHUP call {@code reload} with {@code "SIGHUP"} as the one who asked; false where there is no SIGHUP. */
    public static boolean install(Function<String, Future<List<String>>> reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.apply("SIGHUP").onFailure(e -> LOG.warn(
                    "SIGHUP: the config was not reloaded: {}", e.getMessage())));
            return true;
        } catch (IllegalArgumentException e) {
            LOG.info("This system has no SIGHUP; reload the config with `parley-node admin reload`");
            return false;
        }
    }
}
