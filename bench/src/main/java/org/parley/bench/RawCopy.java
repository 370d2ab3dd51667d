package org.parley.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the file benchmarks: a file read from disk, through one loopback TCP
 * connection, written to disk, 1 MiB at a time at both ends, page cache warm. One unmeasured copy
 * first (the JIT, the page cache), then the median of three: a baseline measured cold would be
 * slow, and every ratio against it flattering.
 */
final class RawCopy {

    private static final int BUFFER = 1 << 20;

    private RawCopy() {
    }

    /** Median seconds of three copies of {@code from} to {@code scratch}, which is deleted after. */
    static double seconds(Path from, Path scratch) throws Exception {
        once(from, scratch);
        double[] runs = new double[3];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = once(from, scratch);
        }
        Files.deleteIfExists(scratch);
        settle();
        Arrays.sort(runs);
        return runs[1];
    }

    /**
     * Waits for the kernel to write back what the copies left dirty, so that the run measured next
     * does not share the disk and the CPU with that writeback.
     */
    static void settle() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor(5, TimeUnit.MINUTES);
    }

    private static double once(Path from, Path to) throws Exception {
        Files.deleteIfExists(to); // a new file each time, as a transfer writes: truncating 1 GiB costs time
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> received = CompletableFuture.runAsync(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                     OutputStream out = Files.newOutputStream(to)) {
                    copy(in, out);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 OutputStream out = socket.getOutputStream(); InputStream in = Files.newInputStream(from)) {
                copy(in, out);
            }
            received.get(10, TimeUnit.MINUTES);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** Copies until {@code in} ends, 1 MiB at a time. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }
}
