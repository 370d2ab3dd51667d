package org.parley.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.parley.protocol.crypto.AesGcm;
import org.parley.protocol.e2ee.FileKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The least a file transfer between users of two nodes must do, and nothing else, to tell what a
 * machine allows: one warm JVM, a thread per party, plain blocking sockets on loopback. The sender
 * reads the file, hashes it as it goes (not in a pass before) and seals it in 1000 KiB chunks with
 * the file's key; two relays stand in for the nodes and only copy bytes (no frames, no storage);
 * the receiver opens each chunk, writes it and hashes it. Timed against {@link RawCopy} of the same
 * file in the same round. Parley's real transfer does all of this and more; it cannot beat this.
 */
@Command(name = "files-floor", mixinStandardHelpOptions = true,
        description = "The floor of a file transfer on this machine: sealing, hashing and three loopback hops,"
                + " no framework, against a raw loopback copy.")
final class FloorRun implements Callable<Integer> {

    private static final int CHUNK = 1000 * 1024;

    @Option(names = "--size-mib", defaultValue = "1024", description = "file size (default: ${DEFAULT-VALUE})")
    int sizeMiB;

    @Option(names = "--rounds", defaultValue = "5", description = "rounds, each with its own baseline")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("parley-bench-floor");
        Path file = data.resolve("payload.bin");
        Path copy = data.resolve("copy.bin");
        try {
            byte[] sha = RandomFile.write(file, (long) sizeMiB << 20);
            for (int round = 0; round < rounds; round++) {
                double raw = RawCopy.seconds(file, copy);
                double seconds = seconds(file, copy, sha);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("target", "file-floor");
                result.put("bytes", Files.size(file));
                result.put("seconds", Math.round(seconds * 100) / 100.0);
                result.put("rawSeconds", Math.round(raw * 100) / 100.0);
                result.put("ratio", Math.round(raw / seconds * 1000) / 1000.0);
                BenchMain.print(result);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(copy);
            Files.deleteIfExists(data);
        }
        return 0;
    }

    /**
     * Seconds for {@code file} to cross the floor's pipeline to {@code scratch}, which is deleted
     * after; fails unless it arrived whole with the SHA-256 {@code sha}.
     */
    static double seconds(Path file, Path scratch, byte[] sha) throws Exception {
        AesGcm.warmUp();
        long start = System.nanoTime();
        byte[] received = transfer(file, scratch);
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean whole = Arrays.equals(sha, received) && Files.size(scratch) == Files.size(file);
        Files.delete(scratch);
        RawCopy.settle();
        if (!whole) {
            throw new IOException("the floor's pipeline did not deliver the file intact");
        }
        return seconds;
    }

    /** Sender, two relays, receiver; returns the SHA-256 the receiver computed. */
    private static byte[] transfer(Path file, Path to) throws Exception {
        FileKey key = FileKey.generate("floor", new SecureRandom());
        try (ServerSocket receiverPort = listen(); ServerSocket nodeB = listen(); ServerSocket nodeA = listen()) {
            CompletableFuture<Void> relayB = relay(nodeB, receiverPort.getLocalPort());
            CompletableFuture<Void> relayA = relay(nodeA, nodeB.getLocalPort());
            CompletableFuture<byte[]> sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return send(file, key, nodeA.getLocalPort());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] received = receive(receiverPort, key, to);
            relayA.get(1, TimeUnit.MINUTES);
            relayB.get(1, TimeUnit.MINUTES);
            return Arrays.equals(sent.get(1, TimeUnit.MINUTES), received) ? received : new byte[0];
        }
    }

    private static byte[] send(Path file, FileKey key, int port) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long size = Files.size(file);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
             InputStream in = Files.newInputStream(file);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16))) {
            byte[] chunk = new byte[CHUNK];
            long index = 0;
            for (long sent = 0; sent < size; index++) {
                int n = in.readNBytes(chunk, 0, (int) Math.min(CHUNK, size - sent));
                sent += n;
                byte[] plain = n == CHUNK ? chunk : Arrays.copyOf(chunk, n);
                sha.update(plain);
                byte[] sealed = key.seal(index, sent == size, plain);
                out.writeInt(sealed.length);
                out.writeBoolean(sent == size);
                out.write(sealed);
            }
        }
        return sha.digest();
    }

    private static byte[] receive(ServerSocket server, FileKey key, Path to) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Socket socket = server.accept();
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
             OutputStream out = Files.newOutputStream(to)) {
            boolean last = false;
            for (long index = 0; !last; index++) {
                byte[] sealed = new byte[in.readInt()];
                last = in.readBoolean();
                in.readFully(sealed);
                byte[] plain = key.open(index, last, sealed);
                out.write(plain);
                sha.update(plain);
            }
        }
        return sha.digest();
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** A node reduced to copying bytes from one connection to the next. */
    private static CompletableFuture<Void> relay(ServerSocket from, int toPort) {
        return CompletableFuture.runAsync(() -> {
            try (Socket in = from.accept(); Socket out = new Socket(InetAddress.getLoopbackAddress(), toPort)) {
                RawCopy.copy(in.getInputStream(), out.getOutputStream());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> new Thread(runnable, "relay").start());
    }
}
