package org.parley.client.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.parley.client.home.PrivateFiles;
import org.parley.protocol.crypto.Base64Key;
import org.parley.protocol.frame.WireJson;

/**
 * The keys this user trusts for each user they have talked to, pinned on first contact as SSH
 * pins host keys: {@code HOME/known-users/ME.json}, readable only by the owner. A key that differs
 * from the pinned one is never taken silently: {@link #check} reports it and only
 * {@link #trust} replaces a pin.
 */
public final class KnownUsers {

    /** What the keys the network gives for a user mean against what is pinned. */
    public sealed interface Verdict {
    }

    /** First contact: pinned now. */
    public record FirstContact(PublicKeys keys) implements Verdict {
    }

    public record Same(PublicKeys keys) implements Verdict {
    }

    public record Changed(PublicKeys pinned, PublicKeys offered) implements Verdict {
    }

    private final Path file;
    private final Map<String, PublicKeys> pins = new HashMap<>();

    private KnownUsers(Path file) {
        this.file = file;
    }

    public static KnownUsers load(Path home, String me) throws IOException {
        KnownUsers known = new KnownUsers(home.resolve("known-users").resolve(me + ".json"));
        if (Files.exists(known.file)) {
            JsonNode json = WireJson.mapper().readTree(known.file.toFile());
            Iterator<Map.Entry<String, JsonNode>> users = json.path("users").fields();
            while (users.hasNext()) {
                Map.Entry<String, JsonNode> user = users.next();
                try {
                    known.pins.put(user.getKey(), new PublicKeys(
                            Base64Key.decode(user.getValue().path("signingKey").asText(null), 32, "signingKey"),
                            Base64Key.decode(user.getValue().path("agreementKey").asText(null), 32, "agreementKey")));
                } catch (IllegalArgumentException e) {
                    throw new IOException(known.file + " is damaged at " + user.getKey() + ": " + e.getMessage());
                }
            }
        }
        return known;
    }

    public synchronized Optional<PublicKeys> pinned(String user) {
        return Optional.ofNullable(pins.get(user));
    }

    /** Compares {@code offered} with the pin for {@code user}; pins it if there was none. */
    public synchronized Verdict check(String user, PublicKeys offered) throws IOException {
        PublicKeys pinned = pins.get(user);
        if (pinned == null) {
            pins.put(user, offered);
            save();
            return new FirstContact(offered);
        }
        return pinned.equals(offered) ? new Same(pinned) : new Changed(pinned, offered);
    }

    /** Replaces the pin for {@code user}: the user has decided to trust these keys. */
    public synchronized Optional<PublicKeys> trust(String user, PublicKeys keys) throws IOException {
        PublicKeys before = pins.put(user, keys);
        save();
        return Optional.ofNullable(before);
    }

    private void save() throws IOException {
        ObjectNode users = WireJson.mapper().createObjectNode();
        pins.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(pin -> users.putObject(pin.getKey())
                .put("signingKey", Base64Key.encode(pin.getValue().signing()))
                .put("agreementKey", Base64Key.encode(pin.getValue().agreement()))
                .put("fingerprint", pin.getValue().fingerprint()));
        ObjectNode json = WireJson.mapper().createObjectNode();
        json.set("users", users);
        PrivateFiles.writeAtomically(file, WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }
}
