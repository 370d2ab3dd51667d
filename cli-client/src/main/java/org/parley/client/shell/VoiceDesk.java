package org.parley.client.shell;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import org.parley.client.e2ee.Messenger;
import org.parley.client.net.NodeSession;
import org.parley.client.output.VoiceLines;
import org.parley.client.session.KeptConnection;
import org.parley.client.voice.CallMedia;
import org.parley.client.voice.CallSignalling;
import org.parley.client.voice.VoiceCall;
import org.parley.protocol.identity.GroupAddress;
import org.parley.protocol.message.VoiceRoom;

/**
 * Voice in the interactive session: {@code /voice join} runs a call in the background (who joins and
 * leaves shown above the prompt, and what it did when it ends), {@code /voice leave} ends it,
 * {@code /voice who} asks the node. One call at a time: joining another room leaves the first. A
 * call lives on its connection; if that drops, the call ends with it. Someone calling us while we
 * are not in their call is said, with the command that answers.
 */
final class VoiceDesk {

    private final Vertx vertx;
    private final KeptConnection connection;
    private Consumer<String> say = line -> { };
    /** The call under way, and the connection it is on. Guarded by this. */
    private VoiceCall call;
    private NodeSession callSession;

    VoiceDesk(Vertx vertx, KeptConnection connection) {
        this.vertx = vertx;
        this.connection = connection;
    }

    void start(Consumer<String> say) {
        this.say = say;
    }

    /** Hears a connection's voice news: the first, and each after a drop. */
    void attach(Messenger messenger) {
        NodeSession session = messenger.session();
        session.onVoiceRoom(news -> {
            VoiceCall current = current(session);
            if (current != null) {
                current.news(news);
            }
            boolean ours = current != null && news.room().equals(current.room());
            boolean aCall = !GroupAddress.isGroup(news.room());
            if (!ours && aCall && news.participants().stream().noneMatch(p -> p.user().equals(session.user()))
                    && news.participants().stream().anyMatch(p -> p.user().equals(news.room()))) {
                say.accept("* " + news.room() + " is calling you: /voice join " + news.room());
            }
        });
        session.closedFuture().onComplete(closed -> {
            if (current(session) != null) {
                leave("the connection dropped");
            }
        });
    }

    /** Does what {@code request} asks; returns what the shell may wait for, or null. */
    Future<?> handle(VoiceLine.Request request) {
        if (request instanceof VoiceLine.Join join) {
            return join(join);
        }
        if (request instanceof VoiceLine.Leave) {
            if (current() == null) {
                say.accept("! you are in no voice room");
                return null;
            }
            return leave("you left");
        }
        VoiceLine.Who who = (VoiceLine.Who) request;
        VoiceCall current = current();
        String target = who.target() != null ? who.target() : current == null ? null : current.room();
        if (target == null) {
            say.accept("! /voice who TARGET: you are in no voice room");
            return null;
        }
        return connection.current().session().voiceWho(target)
                .onSuccess(room -> VoiceLines.text(room).forEach(line -> say.accept("  " + line)))
                .onFailure(e -> say.accept("! /voice who " + target + ": " + e.getMessage()));
    }

    private Future<?> join(VoiceLine.Join join) {
        CallMedia media;
        try {
            media = CallMedia.prepare(join.in(), join.out(), join.noiseSuppression(), line -> say.accept("  " + line));
        } catch (Exception e) {
            say.accept("! /voice join: " + e.getMessage());
            return null;
        }
        Future<?> left = current() == null ? Future.succeededFuture() : leave("you joined another room");
        Messenger messenger = connection.current();
        VoiceCall fresh = new VoiceCall(vertx, CallSignalling.of(messenger), media, join.seconds(),
                line -> say.accept("* " + line));
        return left.transform(done -> {
            synchronized (this) {
                call = fresh;
                callSession = messenger.session();
            }
            return fresh.join(join.target());
        }).onSuccess(joined -> joined.ended().onSuccess(why -> {
            if (current() == joined) {
                leave(why);
            }
        })).onFailure(e -> {
            synchronized (this) {
                if (call == fresh) {
                    call = null;
                }
            }
            try {
                media.close();
            } catch (java.io.IOException ignored) {
                // nothing was written
            }
            say.accept("! /voice join " + join.target() + ": " + e.getMessage());
        });
    }

    private Future<?> leave(String why) {
        VoiceCall ending;
        synchronized (this) {
            ending = call;
            call = null;
            callSession = null;
        }
        if (ending == null) {
            return Future.succeededFuture();
        }
        return ending.leave(why).onSuccess(report -> report.lines().forEach(line -> say.accept("* " + line)));
    }

    /** Ends the call, if any, when the session ends; waits a little for the files to close. */
    void stop() {
        Future<?> leaving = leave("you quit");
        try {
            leaving.toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // leaving anyway
        }
    }

    private synchronized VoiceCall current() {
        return call;
    }

    private synchronized VoiceCall current(NodeSession session) {
        return callSession == session ? call : null;
    }
}
