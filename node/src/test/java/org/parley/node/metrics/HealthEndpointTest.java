package org.parley.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The health endpoints over real HTTP on 127.0.0.1, through each state a node's readiness passes. */
@ExtendWith(VertxExtension.class)
class HealthEndpointTest {

    private final Readiness readiness = new Readiness();
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void serve(Vertx vertx) throws Exception {
        HealthEndpoint health = new HealthEndpoint(readiness);
        server = vertx.createHttpServer().requestHandler(request -> (HealthEndpoint.LIVE_PATH.equals(request.path())
                ? health.live() : health.ready()).handle(request));
        await(server.listen(0, "127.0.0.1"));
        client = vertx.createHttpClient();
    }

    @AfterEach
    void close() throws Exception {
        await(client.close());
        await(server.close());
    }

    @Test
    void notReadyUntilEveryPartIsUpAndSaysWhatIsMissing() throws Exception {
        // GIVEN a node whose store is open but which has not joined the network nor bound its listeners
        readiness.up(Readiness.Part.STORE);

        JsonObject answer = get(HealthEndpoint.READY_PATH, 503);

        assertEquals("not ready", answer.getString("status"));
        assertEquals(new JsonArray(List.of("the node has not joined the network (its S2S port is not bound)",
                "the client and web listeners are not bound")), answer.getJsonArray("notReady"));
        assertEquals("live", get(HealthEndpoint.LIVE_PATH, 200).getString("status"));
    }

    @Test
    void readyOnceEveryPartIsUpAndNotReadyAgainOnceItStops() throws Exception {
        for (Readiness.Part part : Readiness.Part.values()) {
            readiness.up(part);
        }
        assertEquals("ready", get(HealthEndpoint.READY_PATH, 200).getString("status"));

        readiness.stopping();

        assertEquals(new JsonArray(List.of("the node is stopping")), get(HealthEndpoint.READY_PATH, 503)
                .getJsonArray("notReady"));
    }

    @Test
    void aStoreThatClosedIsNamed() throws Exception {
        for (Readiness.Part part : Readiness.Part.values()) {
            readiness.up(part);
        }
        readiness.down(Readiness.Part.STORE);

        assertEquals(new JsonArray(List.of("the store is not open")), get(HealthEndpoint.READY_PATH, 503)
                .getJsonArray("notReady"));
    }

    private record Answer(int status, String contentType, JsonObject body) {
    }

    private JsonObject get(String path, int status) throws Exception {
        // The body is asked for as the response arrives: asked later, it would have gone by.
        Answer answer = await(client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", path)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                        response.getHeader("Content-Type"), new JsonObject(body)))));
        assertEquals(status, answer.status());
        assertEquals("application/json", answer.contentType());
        return answer.body();
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
