package org.parley.client.video;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.client.files.SafeFileName;
import org.parley.protocol.message.Watching;

/**
 * Where a watch sends the stream, as the user chose it: {@code --out FILE}, {@code --out -}
 * (standard output), {@code --play} (a player reading its standard input), or by default a file
 * named for the video in the current folder ({@code lecture_480p.ts}, {@code lecture_mixed.ts}),
 * never over one that exists ({@code lecture_480p (1).ts}).
 */
public sealed interface Destination {

    /** The player {@code --play} starts; it reads MPEG-TS from its standard input. */
    String PLAYER = "ffplay";

    /** Opens the output for a stream that began as {@code watching}. Blocking: on a worker. */
    VideoOutput open(WatchRequest request, Watching watching) throws IOException;

    /** A file named for the video in {@code folder}. */
    record DefaultFile(Path folder) implements Destination {
        @Override
        public VideoOutput open(WatchRequest request, Watching watching) throws IOException {
            Path path = SafeFileName.in(folder, baseName(request, watching));
            return NamedFile.create(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /** {@code path}, replaced if it exists: the user named it. */
    record NamedFile(Path path) implements Destination {
        @Override
        public VideoOutput open(WatchRequest request, Watching watching) throws IOException {
            return create(path);
        }

        private static VideoOutput create(Path path, OpenOption... options) throws IOException {
            try {
                return VideoOutput.file(Files.newOutputStream(path, options), path.toString());
            } catch (NoSuchFileException e) {
                throw new IOException("cannot write " + path + ": its folder does not exist");
            } catch (AccessDeniedException e) {
                throw new IOException("cannot write " + path + ": permission denied");
            }
        }
    }

    record StandardOutput() implements Destination {
        @Override
        public VideoOutput open(WatchRequest request, Watching watching) {
            return VideoOutput.standardOutput(new FileOutputStream(FileDescriptor.out));
        }
    }

    /** {@code ffplay -}, found at {@code executable}. */
    record Player(Path executable) implements Destination {
        @Override
        public VideoOutput open(WatchRequest request, Watching watching) throws IOException {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "-hide_banner", "-loglevel", "error",
                    "-nostats", "-autoexit", "-window_title", watching.video() + " "
                            + String.join("+", watching.resolutions()), "-"));
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return VideoOutput.player(process, PLAYER);
        }
    }

    /**
     * The destination for {@code --out} (null: not given) and {@code --play}, finding the player on
     * {@code environment}'s PATH.
     *
     * @throws IllegalArgumentException if both are given
     * @throws IllegalStateException    for {@code --play} without a player on the PATH
     */
    static Destination of(String out, boolean play, Map<String, String> environment, Path currentFolder) {
        if (play && out != null) {
            throw new IllegalArgumentException("--out and --play do not go together: write a file, or play it");
        }
        if (play) {
            return new Player(onPath(PLAYER, environment.get("PATH")).orElseThrow(() -> new IllegalStateException(
                    "--play needs " + PLAYER + " on your PATH (Debian: apt install ffmpeg); or write a file with"
                            + " --out FILE and play that")));
        }
        if (out == null) {
            return new DefaultFile(currentFolder);
        }
        if (out.equals("-")) {
            return new StandardOutput();
        }
        if (out.isBlank()) {
            throw new IllegalArgumentException("--out needs a file name, or - for standard output");
        }
        return new NamedFile(Path.of(out));
    }

    private static java.util.Optional<Path> onPath(String program, String path) {
        if (path == null) {
            return java.util.Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            Path candidate = Path.of(folder.isEmpty() ? "." : folder, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate.toAbsolutePath());
            }
        }
        return java.util.Optional.empty();
    }

    /** What the output is called for a stream that began as {@code watching}: {@code lecture_480p}. */
    static String baseName(WatchRequest request, Watching watching) {
        String variant = request.mixed() ? "mixed" : request.resolution() != null ? request.resolution()
                : watching.resolutions().isEmpty() ? "video" : watching.resolutions().get(0);
        return SafeFileName.baseName(request.name() + "_" + variant + ".ts");
    }
}
