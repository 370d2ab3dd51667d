package org.parley.node.tls;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.parley.federation.net.TransportSecurity;
import org.parley.node.config.ConfigException;
import org.parley.protocol.crypto.Fingerprint;

/**
 * The node's TLS certificate. On first start a node makes an ECDSA P-256 key pair and a
 * self-signed certificate for its name with Bouncy Castle, and keeps them in
 * {@code DATA/tls/} (the key readable only by the owner); an operator may give a certificate and
 * key of their own instead. Nobody is asked to trust an authority: clients pin the certificate.
 */
public final class NodeCertificate {

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private NodeCertificate() {
    }

    /** The certificate in {@code DATA/tls}, made now if there is none. Blocking: call on a worker. */
    public static TransportSecurity.Tls loadOrCreate(Path dataDir, String nodeName) throws IOException {
        Path dir = dataDir.resolve("tls");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        if (!Files.exists(cert) || !Files.exists(key)) {
            create(dir, cert, key, nodeName);
        }
        return load(cert, key);
    }

    /** A certificate and key from the operator's files. Blocking: call on a worker. */
    public static TransportSecurity.Tls load(Path cert, Path key) throws IOException {
        byte[] certPem = read(cert, "tlsCertFile");
        byte[] keyPem = read(key, "tlsKeyFile");
        X509CertificateHolder holder;
        try (PEMParser parser = new PEMParser(new StringReader(new String(certPem, StandardCharsets.US_ASCII)))) {
            Object first = parser.readObject();
            if (!(first instanceof X509CertificateHolder h)) {
                throw new ConfigException("tlsCertFile: " + cert + " holds no PEM certificate");
            }
            holder = h;
        }
        try (PEMParser parser = new PEMParser(new StringReader(new String(keyPem, StandardCharsets.US_ASCII)))) {
            Object first = parser.readObject();
            if (first instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new ConfigException("tlsKeyFile: " + key + " is encrypted; give the node an unencrypted PKCS#8 key"
                        + " readable only by its user");
            }
            if (first == null) {
                throw new ConfigException("tlsKeyFile: " + key + " holds no PEM private key");
            }
        }
        return new TransportSecurity.Tls(Buffer.buffer(certPem), Buffer.buffer(keyPem),
                Fingerprint.of(holder.getEncoded()));
    }

    private static byte[] read(Path file, String setting) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(setting + ": " + file + " does not exist");
        }
    }

    private static void create(Path dir, Path cert, Path key, String nodeName) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + nodeName + ",O=Parley");
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(128, new SecureRandom());
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, nodeName)));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(pair.getPrivate()));
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path keyTemp = Files.createTempFile(dir, "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyTemp, pem(PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded())),
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(keyTemp, key, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(cert, pem(holder));
        } catch (java.security.GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot make the node's TLS certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
