package org.parley.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.parley.node.Node;
import org.parley.node.config.NodeConfigLoader;
import org.slf4j.LoggerFactory;

/**
 * Who may use a node's admin channel: a caller on this machine with the token of the node's
 * {@code admin.json}, which only the node's user can read. Everyone else is refused, and the log
 * says so.
 */
@ExtendWith(VertxExtension.class)
class AdminChannelTest {

    @TempDir
    Path dataDir;

    private Node node;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminListener.class);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startNode(Vertx vertx) throws Exception {
        log.start();
        logger.addAppender(log);
        node = Node.start(vertx, () -> NodeConfigLoader.of(Map.of("name", "node-a", "host", "127.0.0.1", "port", 0,
                        "s2sPort", 0, "dataDir", dataDir.toString(), "plaintext", true, "limits", "none")).load())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopNode() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        logger.detachAppender(log);
    }

    private HttpResponse<String> post(String command, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.adminAccess().url() + "/admin/" + command))
                .header("X-Parley-Operator", "mallory").POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<String> warnings() {
        synchronized (log.list) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void theTokenFileIsTheOwnersAloneAndNamesALoopbackListener() throws Exception {
        Path file = dataDir.resolve(AdminAccess.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        AdminAccess access = AdminAccess.read(dataDir);
        assertEquals(node.adminAccess(), access);
        assertTrue(access.url().startsWith("http://127.0.0.1:"), access.url());
        // 256 bits, base64url without padding
        assertEquals(43, access.token().length());
    }

    @Test
    void aRequestWithoutTheTokenOrWithAWrongOneIsRefusedAndLogged() throws Exception {
        HttpResponse<String> missing = post("users", null);
        assertEquals(401, missing.statusCode());
        assertTrue(missing.body().contains("no admin token"), missing.body());

        HttpResponse<String> wrong = post("users", "Bearer " + "A".repeat(43));
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("wrong admin token"), wrong.body());

        assertEquals(2, warnings().stream().filter(line -> line.startsWith("Admin: refused a request")).count(),
                warnings().toString());
        // and neither did anything: the right token gets the answer they did not
        HttpResponse<String> right = post("users", "Bearer " + node.adminAccess().token());
        assertEquals(200, right.statusCode());
        assertTrue(warnings().stream().anyMatch(line -> line.equals("Admin: mallory asked node node-a for 'users' {}")),
                warnings().toString());
    }

    @Test
    void onlyLoopbackAddressesAreLocal() {
        // The listener binds 127.0.0.1, so no other machine reaches it; the check behind that refuses the rest.
        assertTrue(AdminListener.loopback("127.0.0.1"));
        assertTrue(AdminListener.loopback("::1"));
        assertFalse(AdminListener.loopback("10.1.2.3"));
        assertFalse(AdminListener.loopback("192.168.0.7"));
        assertFalse(AdminListener.loopback(null));
    }

    @Test
    void theTokenFileGoesWhenTheNodeStops() throws Exception {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(dataDir.resolve(AdminAccess.FILE)));
    }
}
