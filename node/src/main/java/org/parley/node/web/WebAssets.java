package org.parley.node.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The web client's files, read once from the node's jar (folder {@code parley-web/} on the class
 * path, from {@code node/src/main/web}) and kept in memory, each by the path a browser asks for. A
 * file of a type not listed here is not served: the page is plain HTML, CSS and ES modules.
 */
public final class WebAssets {

    /** Where the files are on the class path. */
    static final String ROOT = "parley-web";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "webmanifest", "application/manifest+json");

    private final Map<String, WebAsset> byPath;

    WebAssets(Map<String, WebAsset> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** The file a browser asks for as {@code path} ({@code /} is the page itself). */
    public Optional<WebAsset> get(String path) {
        return Optional.ofNullable(byPath.get("/".equals(path) ? "/index.html" : path));
    }

    /**
     * Reads every file under {@code parley-web/} on the class path, from a jar or a folder (tests run
     * from {@code target/classes}). Does I/O: for a worker, once per node.
     *
     * @throws IllegalStateException if the build left the page out of the jar
     */
    public static WebAssets fromClassPath() {
        URL index = WebAssets.class.getClassLoader().getResource(ROOT + "/index.html");
        if (index == null) {
            throw new IllegalStateException(ROOT + "/index.html is not on the class path: the node was built without"
                    + " its web client");
        }
        Map<String, WebAsset> files = new HashMap<>();
        try {
            if ("jar".equals(index.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) index.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        if (!entry.isDirectory() && entry.getName().startsWith(ROOT + "/")) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                add(files, entry.getName().substring(ROOT.length()), in.readAllBytes());
                            }
                        }
                    }
                }
            } else {
                Path root = Path.of(index.toURI()).getParent();
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                        add(files, "/" + root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web client from " + index, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the web client from " + index, e);
        }
        return new WebAssets(files);
    }

    private static void add(Map<String, WebAsset> files, String path, byte[] bytes) throws IOException {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type != null) {
            files.put(path, new WebAsset(type, bytes, gzip(bytes), etag(bytes)));
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** How many bytes the page costs a browser on its first visit, compressed as served. */
    public long transferBytes() {
        return byPath.values().stream().mapToLong(asset -> asset.gzipped().length).sum();
    }
}
