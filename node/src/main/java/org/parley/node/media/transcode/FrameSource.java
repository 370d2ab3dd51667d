package org.parley.node.media.transcode;

import org.bytedeco.javacv.Frame;
import org.parley.node.media.MediaException;

/** Pictures to import, in order, as FFmpeg frames in YUV 4:2:0 at the source's size. */
public sealed interface FrameSource extends AutoCloseable permits SourceFile, TestCard {

    int width();

    int height();

    /** Pictures per second. */
    double frameRate();

    /** Whether the source has sound, which an import leaves out. */
    boolean hasSound();

    /** The next picture; null at the end. The frame may be reused by the next call. */
    Frame nextPicture() throws MediaException;

    @Override
    void close();
}
