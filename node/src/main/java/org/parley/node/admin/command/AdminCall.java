package org.parley.node.admin.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.parley.node.NodeOptions;
import org.parley.node.admin.AdminAccess;
import org.parley.node.config.NodeConfig;
import org.parley.protocol.frame.WireJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code parley-node admin} command shares: the node's config (to find its data folder,
 * and in it the admin channel's URL and token), {@code --json}, and the call itself. The request
 * names the OS user who runs the command, for the node's log.
 */
public final class AdminCall {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Mixin
    private NodeOptions options;

    @Option(names = "--json", description = "print the answer as one JSON object, for scripts")
    private boolean json;

    /**
     * Sends {@code command} with {@code args} to the running node and prints its answer.
     *
     * @return the exit code: 0 done, 1 refused or unreachable, 2 a bad config
     */
    int send(String command, Map<String, ?> args) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        NodeConfig settings = options.load(err);
        if (settings == null) {
            return 2;
        }
        Path dataDir = settings.storage().dataDir();
        try {
            AdminAccess access = AdminAccess.read(dataDir);
            HttpRequest request = HttpRequest.newBuilder(URI.create(access.url() + "/admin/" + command))
                    .timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + access.token())
                    .header("X-Parley-Operator", System.getProperty("user.name", "unknown"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(WireJson.mapper().writeValueAsString(args)))
                    .build();
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = WireJson.mapper().readTree(response.body());
            if (!answer.path("ok").asBoolean(false)) {
                return fail(err, answer.path("error").asText("the node answered HTTP " + response.statusCode()));
            }
            out.println(json ? WireJson.mapper().writeValueAsString(answer.path("data")) : answer.path("text").asText());
            out.flush();
            return 0;
        } catch (NoSuchFileException e) {
            return fail(err, "no running node found: " + dataDir.resolve(AdminAccess.FILE) + " does not exist (is "
                    + settings.name() + " running, with this --config?)");
        } catch (AccessDeniedException e) {
            return fail(err, "cannot read " + dataDir.resolve(AdminAccess.FILE) + ": run this as the user the node"
                    + " runs as");
        } catch (ConnectException e) {
            return fail(err, settings.name() + " does not answer on its admin channel (did it stop? it removes "
                    + AdminAccess.FILE + " when it stops cleanly)");
        } catch (IOException e) {
            return fail(err, "cannot talk to " + settings.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, "interrupted");
        }
    }

    /** Says why the command cannot be sent as given. */
    void refuse(String why) {
        fail(spec.commandLine().getErr(), why);
    }

    private static int fail(PrintWriter err, String why) {
        err.println("parley-node admin: " + why);
        err.flush();
        return 1;
    }
}
