package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin channel: HTTP on 127.0.0.1 only, {@code POST /admin/COMMAND} with a JSON body of
 * arguments, answered with {@code {"ok":true,"text":...,"data":{...}}} or
 * {@code {"ok":false,"error":...}}. A request must come from a loopback address and carry the token
 * of {@code DATA/admin.json} ({@code Authorization: Bearer TOKEN}); it names its operator in
 * {@code X-Parley-Operator}. Every refusal and every command is logged, with who asked.
 *
 * <p>Plain HTTP rather than HTTPS: the listener binds the loopback interface alone, which no other
 * machine can reach, and the token (256 random bits) keeps other local users out. TLS would protect
 * the token only from someone who can read loopback traffic, that is root, who can read the token
 * file anyway.
 */
public final class AdminListener {

    private static final Logger LOG = LoggerFactory.getLogger(AdminListener.class);
    private static final String PATH = "/admin/";
    private static final int MAX_BODY_BYTES = 64 * 1024;
    /** Where the listener binds: loopback only, never the node's host setting. */
    static final String LOOPBACK = "127.0.0.1";

    private final Vertx vertx;
    private final String nodeName;
    private final Map<String, AdminAction> actions;
    private HttpServer server;
    private AdminAccess access;
    private Path dataDir;

    public AdminListener(Vertx vertx, String nodeName, Map<String, AdminAction> actions) {
        this.vertx = vertx;
        this.nodeName = nodeName;
        this.actions = new TreeMap<>(actions);
    }

    /** Listens on {@code port} (0: any free one) and writes the token file into {@code dataDir}. */
    public Future<AdminAccess> start(int port, Path dataDir) {
        this.dataDir = dataDir;
        server = vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(port));
        server.requestHandler(this::handle);
        return server.listen()
                .recover(e -> Future.failedFuture("admin port " + port + ": " + e.getMessage()))
                .compose(bound -> {
                    AdminAccess fresh = AdminAccess.fresh("http://" + LOOPBACK + ":" + bound.actualPort());
                    return vertx.executeBlocking(() -> {
                        fresh.write(dataDir);
                        return fresh;
                    }, false);
                }).onSuccess(written -> {
                    access = written;
                    LOG.info("Node {} takes admin commands on {} (parley-node admin; token in {})", nodeName,
                            written.url(), dataDir.resolve(AdminAccess.FILE).toAbsolutePath());
                });
    }

    /** Stops listening and removes the token file. */
    public Future<Void> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.compose(v -> access == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            access.remove(dataDir);
            return null;
        }, false));
    }

    private void handle(HttpServerRequest request) {
        String remote = String.valueOf(request.remoteAddress());
        if (!loopback(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress())) {
            refuse(request, 403, "admin commands are taken from this machine only, not from " + remote);
            return;
        }
        String authorization = request.getHeader("Authorization");
        // the scheme's name is case-insensitive (RFC 9110 11.1); the token is not
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            refuse(request, 401, "no admin token: give the token of " + AdminAccess.FILE + " in the node's data"
                    + " folder (parley-node admin does)");
            return;
        }
        if (access == null || !access.admits(authorization.substring("Bearer ".length()))) {
            refuse(request, 401, "wrong admin token: it is not the one in " + AdminAccess.FILE + " of the running"
                    + " node (was the node restarted with another data folder?)");
            return;
        }
        String operator = request.getHeader("X-Parley-Operator");
        String who = operator == null || operator.isBlank() ? "an unnamed operator" : operator;
        String command = request.path().startsWith(PATH) ? request.path().substring(PATH.length()) : "";
        AdminAction action = actions.get(command);
        if (request.method() != HttpMethod.POST || action == null) {
            refuse(request, 404, "no admin command '" + command + "' (POST " + PATH + "COMMAND); the commands are "
                    + String.join(", ", actions.keySet()));
            return;
        }
        request.body().compose(body -> {
            if (body.length() > MAX_BODY_BYTES) {
                return Future.failedFuture(new AdminRefusal("the request is larger than " + MAX_BODY_BYTES + " bytes"));
            }
            JsonObject args;
            try {
                args = body.length() == 0 ? new JsonObject() : body.toJsonObject();
            } catch (DecodeException e) {
                return Future.failedFuture(new AdminRefusal("the request body is not a JSON object"));
            }
            LOG.info("Admin: {} asked node {} for '{}' {}", who, nodeName, command, args.encode());
            return action.run(new AdminRequest(who, command, args));
        }).onComplete(done -> {
            if (done.succeeded()) {
                answer(request, 200, new JsonObject().put("ok", true).put("text", done.result().text())
                        .put("data", done.result().data()));
            } else if (done.cause() instanceof AdminRefusal refusal) {
                LOG.info("Admin: '{}' of {} refused: {}", command, who, refusal.getMessage());
                answer(request, 400, new JsonObject().put("ok", false).put("error", refusal.getMessage()));
            } else {
                LOG.error("Admin: '{}' of {} failed inside the node", command, who, done.cause());
                answer(request, 500, new JsonObject().put("ok", false).put("error", "the node failed to carry out "
                        + command + ": " + done.cause().getMessage() + " (see the node's log)"));
            }
        });
    }

    private void refuse(HttpServerRequest request, int status, String why) {
        LOG.warn("Admin: refused a request for {} from {}: {}", request.path(), request.remoteAddress(), why);
        answer(request, status, new JsonObject().put("ok", false).put("error", why));
    }

    private static void answer(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.encode());
    }

    /** Whether {@code host} is a loopback address (127.0.0.0/8, ::1). */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        try {
            // A literal address: no lookup happens.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
