package org.parley.node.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.federation.link.NodeIdentity;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.config.NetworkConfig;
import org.parley.node.tls.CertificateVouch;
import org.parley.node.tls.NodeCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the TLS certificate of a running node from the operator's files ({@code tlsCertFile},
 * {@code tlsKeyFile}): every listener and the federation's dialler present the new one on the
 * connections made from then on, and clients get the node's signature on it. Connections that are
 * open keep the certificate they were made with. A node on its own self-signed certificate, or
 * without TLS, has nothing to renew.
 */
public final class CertificateReload {

    /** Something that presents the node's certificate: a listener, the federation. */
    @FunctionalInterface
    public interface Presenter {
        Future<?> present(TransportSecurity.Tls tls);
    }

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReload.class);

    private final Vertx vertx;
    private final NodeIdentity identity;
    private final AtomicReference<CertificateVouch> vouch;
    private final List<Presenter> presenters;
    private TransportSecurity current;

    /**
     * @param current    the security the node started with
     * @param vouch      the node's signature on its certificate, which clients are given: replaced with the certificate
     * @param presenters everything that presents the certificate
     */
    public CertificateReload(Vertx vertx, NodeIdentity identity, TransportSecurity current,
                             AtomicReference<CertificateVouch> vouch, List<Presenter> presenters) {
        this.vertx = vertx;
        this.identity = identity;
        this.current = current;
        this.vouch = vouch;
        this.presenters = List.copyOf(presenters);
    }

    /** Loads the certificate {@code network} names; resolves to what changed, in words, or empty if nothing did. */
    public Future<Optional<String>> reload(NetworkConfig network) {
        if (!(current instanceof TransportSecurity.Tls before) || network.plaintext() || network.tlsCertFile() == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.executeBlocking(() -> NodeCertificate.load(network.tlsCertFile(), network.tlsKeyFile()), false)
                .recover(e -> Future.failedFuture(new AdminRefusal("the certificate " + network.tlsCertFile()
                        + " cannot be loaded, so the node keeps serving " + before.fingerprint() + ": " + e.getMessage())))
                .compose(renewed -> {
                    if (renewed.fingerprint().equals(before.fingerprint())) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    List<Future<?>> presented = new ArrayList<>();
                    presenters.forEach(presenter -> presented.add(presenter.present(renewed)));
                    return Future.all(presented).map(done -> {
                        // only once every listener presents it: clients are told of the certificate they get
                        vouch.set(CertificateVouch.of(identity, renewed));
                        current = renewed;
                        LOG.info("TLS certificate renewed from {}: {} replaces {} for new connections",
                                network.tlsCertFile(), renewed.fingerprint(), before.fingerprint());
                        return Optional.of("certificate: " + before.fingerprint() + " -> " + renewed.fingerprint());
                    });
                });
    }
}
