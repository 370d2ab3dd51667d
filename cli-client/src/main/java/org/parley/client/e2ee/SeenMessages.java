package org.parley.client.e2ee;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import org.parley.client.home.PrivateFiles;

/**
 * The ids of the messages this user has already been shown, per sender, kept in
 * {@code HOME/seen/ME.ids} across runs, so a message that arrives again (replayed by a node, or
 * repeated after a reconnect) is never shown twice. Holds the newest {@code capacity} ids; the
 * file is rewritten without the oldest when it grows to twice that.
 */
public final class SeenMessages implements AutoCloseable {

    private final Path file;
    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();
    private OutputStream out;
    private int linesInFile;

    private SeenMessages(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
    }

    public static SeenMessages load(Path home, String me, int capacity) throws IOException {
        SeenMessages messages = new SeenMessages(home.resolve("seen").resolve(me + ".ids"), capacity);
        if (Files.exists(messages.file)) {
            try (BufferedReader in = Files.newBufferedReader(messages.file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.isBlank()) {
                        messages.remember(line);
                        messages.linesInFile++;
                    }
                }
            }
        }
        messages.out = PrivateFiles.append(messages.file);
        return messages;
    }

    /** True the first time {@code id} from {@code sender} is offered (and records it), false after. */
    public synchronized boolean firstTime(String sender, String id) throws IOException {
        String key = sender + " " + id;
        if (seen.contains(key)) {
            return false;
        }
        remember(key);
        out.write((key + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (++linesInFile > 2 * capacity) {
            compact();
        }
        return true;
    }

    private void remember(String key) {
        seen.add(key);
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void compact() throws IOException {
        out.close();
        PrivateFiles.writeAtomically(file, (String.join("\n", seen) + "\n").getBytes(StandardCharsets.UTF_8));
        linesInFile = seen.size();
        out = PrivateFiles.append(file);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
