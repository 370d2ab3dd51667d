package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.federation.Federation;
import org.parley.federation.PeerAddress;
import org.parley.node.config.ConfigException;
import org.parley.node.config.ConfigSource;
import org.parley.node.config.NetworkConfig;
import org.parley.node.config.NodeConfig;
import org.parley.node.limits.Limits;
import org.parley.node.limits.LiveLimits;
import org.parley.node.limits.Rate;
import org.parley.node.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the config again and applies what a running node can change: its limits, its peers (whom it
 * trusts, whom it dials) and its registration mode. What needs a restart (ports, folders, the name)
 * is named in the log. Asked for by {@code parley-node admin reload} and by SIGHUP; one reload at a
 * time.
 */
public final class ConfigReload {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    private final Vertx vertx;
    private final ConfigSource source;
    private final LiveLimits limits;
    private final Registration registration;
    private final Federation federation;
    private final CertificateReload certificate;
    /** The config as last applied; changed only on the reload chain. */
    private NodeConfig applied;
    private Future<List<String>> running = Future.succeededFuture(List.of());

    public ConfigReload(Vertx vertx, ConfigSource source, NodeConfig applied, LiveLimits limits,
                        Registration registration, Federation federation, CertificateReload certificate) {
        this.vertx = vertx;
        this.source = source;
        this.applied = applied;
        this.limits = limits;
        this.registration = registration;
        this.federation = federation;
        this.certificate = certificate;
    }

    /**
     * Reads the config and applies it; resolves to what changed, in words (empty: nothing). Fails with
     * {@link AdminRefusal} if the config cannot be read; the node then keeps the config it has.
     */
    public synchronized Future<List<String>> reload(String who) {
        running = running.transform(previous -> vertx.executeBlocking(source::read, false)
                .recover(e -> Future.failedFuture(e instanceof ConfigException
                        ? new AdminRefusal("the config cannot be read, so nothing changed: " + e.getMessage()) : e))
                .compose(next -> apply(next, who)));
        return running;
    }

    private Future<List<String>> apply(NodeConfig next, String who) {
        // Written from the federation's context too, as its steps complete.
        List<String> changes = new CopyOnWriteArrayList<>();
        NodeConfig before = applied;
        limitChanges(before.limits(), next.limits(), changes);
        if (!changes.isEmpty()) {
            limits.replace(next.limits());
        }
        List<Future<?>> steps = new ArrayList<>();
        if (next.sessions().registration() != null && next.sessions().registration() != registration.mode()) {
            steps.add(registration.mode(next.sessions().registration()).onSuccess(was -> changes.add(
                    "registration: " + was.word() + " -> " + next.sessions().registration().word())));
        }
        steps.add(peerChanges(before, next, changes));
        steps.add(certificate.reload(next.network()).onSuccess(changed -> changed.ifPresent(changes::add)));
        needsRestart(before, next);
        return Future.join(steps).transform(done -> {
            if (done.succeeded()) {
                applied = next; // else the next reload compares with what is in force, and tries again
            }
            if (changes.isEmpty()) {
                LOG.info("Config reloaded (asked by {}): nothing a running node applies changed", who);
            } else {
                LOG.info("Config reloaded (asked by {}): {}", who, String.join("; ", changes));
            }
            return done.succeeded() ? Future.succeededFuture(List.copyOf(changes)) : Future.failedFuture(done.cause());
        });
    }

    private static void limitChanges(Limits before, Limits next, List<String> changes) {
        for (RecordComponent component : Limits.class.getRecordComponents()) {
            Object was = value(component, before);
            Object now = value(component, next);
            if (!Objects.equals(was, now)) {
                changes.add("limits." + component.getName() + ": " + describe(was) + " -> " + describe(now));
            }
        }
    }

    private static Object value(RecordComponent component, Limits limits) {
        try {
            return component.getAccessor().invoke(limits);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read limit " + component.getName(), e);
        }
    }

    private static String describe(Object limit) {
        if (limit instanceof Rate rate) {
            return rate.unlimited() ? "unlimited" : rate.perSecond() + "/s (burst " + rate.burst() + ")";
        }
        return String.valueOf(limit);
    }

    /** Trusts the peers the config added, drops those it removed, dials the new addresses and stops dialling the old. */
    private Future<Void> peerChanges(NodeConfig before, NodeConfig next, List<String> changes) {
        Map<String, String> was = before.federation().peerFingerprints();
        Map<String, String> now = next.federation().peerFingerprints();
        List<Future<?>> steps = new ArrayList<>();
        for (Map.Entry<String, String> peer : was.entrySet()) {
            if (!peer.getValue().equals(now.get(peer.getKey()))) {
                steps.add(federation.removePeer(peer.getKey()).onSuccess(v -> changes.add("peer removed: "
                        + peer.getKey())));
            }
        }
        Map<String, String> added = new HashMap<>(now);
        added.entrySet().removeIf(peer -> peer.getValue().equals(was.get(peer.getKey())));
        Future<?> removed = Future.join(steps);
        List<PeerAddress> newAddresses = new ArrayList<>(next.federation().peers());
        newAddresses.removeAll(Set.copyOf(before.federation().peers()));
        List<PeerAddress> oldAddresses = new ArrayList<>(before.federation().peers());
        oldAddresses.removeAll(Set.copyOf(next.federation().peers()));
        for (PeerAddress address : oldAddresses) {
            federation.undial(address);
            changes.add("peer no longer dialled: " + address);
        }
        return removed.transform(v -> {
            List<Future<?>> adds = new ArrayList<>();
            added.forEach((node, fingerprint) -> adds.add(federation.addPeer(node, fingerprint, null)
                    .onSuccess(ok -> changes.add("peer trusted: " + node + " " + fingerprint))));
            for (PeerAddress address : newAddresses) {
                federation.dial(address);
                changes.add("peer dialled: " + address);
            }
            return Future.join(adds).mapEmpty();
        });
    }

    /** The network settings but the certificate files, which a reload applies. */
    private static NetworkConfig withoutCertificate(NetworkConfig network) {
        return new NetworkConfig(network.host(), network.port(), network.s2sPort(), network.voicePort(),
                network.eventLoops(), network.plaintext(), null, null);
    }

    /** Says which changed settings only a restart applies. */
    private static void needsRestart(NodeConfig before, NodeConfig next) {
        Map<String, Boolean> differ = Map.of("name", !before.name().equals(next.name()),
                "network", !withoutCertificate(before.network()).equals(withoutCertificate(next.network())),
                "web", !before.web().equals(next.web()),
                "storage", !before.storage().equals(next.storage()),
                "media", !before.media().equals(next.media()),
                "admin", !before.admin().equals(next.admin()));
        differ.forEach((section, changed) -> {
            if (changed) {
                LOG.warn("Config reload: {} changed in the config, and a running node cannot apply it; it takes effect"
                        + " at the next start", section);
            }
        });
    }
}
