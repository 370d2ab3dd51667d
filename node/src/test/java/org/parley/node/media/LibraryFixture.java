package org.parley.node.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Opens libraries on test folders and closes whatever a test left open. */
final class LibraryFixture implements AutoCloseable {

    private final List<FolderVideoLibrary> open = new ArrayList<>();

    /** A library of {@code mediaDir} cached in {@code dataDir}, cut at the test clips' keyframes, first scan done. */
    FolderVideoLibrary open(Path mediaDir, Path dataDir) throws Exception {
        FolderVideoLibrary library = FolderVideoLibrary.open(mediaDir, RenditionCache.under(dataDir),
                TestClips.SEGMENT_SECONDS * 1000L).get(30, TimeUnit.SECONDS);
        open.add(library);
        library.rescan().get(30, TimeUnit.SECONDS);
        return library;
    }

    @Override
    public void close() {
        open.forEach(FolderVideoLibrary::close);
        open.clear();
    }
}
