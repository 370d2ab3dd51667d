package org.parley.node.media.transcode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.bytedeco.javacv.Frame;

/**
 * A moving test pattern, made rather than read, so that an operator can try the library and a test
 * or benchmark can make clips without a source file: colour bars that scroll, a box that bounces, a
 * bar that grows with the time, snow, and the frame's number in large digits, so that every frame differs
 * from the one before and a viewer sees at once whether pictures go missing or come out of order.
 * Pictures only, 16:9, drawn straight into YUV 4:2:0.
 */
public final class TestCard implements FrameSource {

    /** Colour bars (white, yellow, cyan, green, magenta, red, blue, black) as Y, U, V. */
    private static final int[][] BARS = {
            {235, 128, 128}, {210, 16, 146}, {170, 166, 16}, {145, 54, 34},
            {106, 202, 222}, {81, 90, 240}, {41, 240, 110}, {16, 128, 128}};
    /** Which of the seven segments (a to g, bit 0 to 6) each digit lights. */
    private static final int[] DIGITS = {0x3F, 0x06, 0x5B, 0x4F, 0x66, 0x6D, 0x7D, 0x07, 0x7F, 0x6F};
    private static final int WHITE = 235;
    private static final int BLACK = 16;

    private final int width;
    private final int height;
    private final int frameRate;
    private final int frames;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;
    private final ByteBuffer picture;
    private final Frame frame;
    private int made;
    /** The state of the snow's random numbers (xorshift), the same in every run. */
    private long noise = 0x9E3779B97F4A7C15L;

    /**
     * @param height  picture height (even); the width follows at 16:9
     * @param seconds how long the card runs
     */
    public TestCard(int height, int frameRate, double seconds) {
        if (height < 16 || height % 2 != 0) {
            throw new IllegalArgumentException("a test card's height is even and at least 16, not " + height);
        }
        if (frameRate < 1 || frameRate > 120 || seconds <= 0) {
            throw new IllegalArgumentException("a test card runs a positive time at 1 to 120 frames per second");
        }
        this.height = height;
        this.width = (int) Math.round(height * 16 / 9.0 / 2) * 2;
        this.frameRate = frameRate;
        this.frames = (int) Math.max(1, Math.round(seconds * frameRate));
        this.y = new byte[width * height];
        this.u = new byte[width * height / 4];
        this.v = new byte[width * height / 4];
        this.picture = ByteBuffer.allocateDirect(y.length + u.length + v.length);
        this.frame = new Frame();
        frame.imageWidth = width;
        frame.imageHeight = height;
        frame.imageDepth = Frame.DEPTH_UBYTE;
        frame.imageChannels = 1;
        frame.imageStride = width;
        frame.image = new java.nio.Buffer[] {picture};
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public double frameRate() {
        return frameRate;
    }

    @Override
    public boolean hasSound() {
        return false;
    }

    /** The number of frames it makes. */
    public int frames() {
        return frames;
    }

    @Override
    public Frame nextPicture() {
        if (made == frames) {
            return null;
        }
        draw(made);
        picture.clear();
        picture.put(y).put(u).put(v).flip();
        frame.timestamp = made * 1_000_000L / frameRate;
        made++;
        return frame;
    }

    private void draw(int n) {
        // Bars scrolling one full width every four seconds.
        int shift = (int) ((long) n * width / (4L * frameRate));
        for (int x = 0; x < width; x++) {
            int[] bar = BARS[(((x + shift) % width) * BARS.length) / width];
            for (int row = 0; row < height; row++) {
                y[row * width + x] = (byte) bar[0];
            }
            if ((x & 1) == 0) {
                for (int row = 0; row < height / 2; row++) {
                    u[row * (width / 2) + x / 2] = (byte) bar[1];
                    v[row * (width / 2) + x / 2] = (byte) bar[2];
                }
            }
        }
        // A box bouncing across the middle, one crossing every two seconds.
        int box = Math.max(4, height / 6) & ~1;
        int travel = width - box;
        int phase = (int) ((long) n * travel / (2L * frameRate) % (2L * travel));
        int left = phase < travel ? phase : 2 * travel - phase;
        fill(left, (height - box) / 2, box, box, WHITE);
        // Snow along the lowest eighth: new noise in every frame, which no encoder can predict, so
        // that a rendition spends the bitrate it is given (as real footage does) instead of a trickle.
        int snowTop = height * 7 / 8;
        for (int i = snowTop * width; i < y.length; i++) {
            noise ^= noise << 13;
            noise ^= noise >>> 7;
            noise ^= noise << 17;
            y[i] = (byte) (116 + (noise & 0x07));
        }
        fillChroma(snowTop, height);
        // Time so far, as a bar along the bottom.
        int bar = Math.max(2, height / 40) & ~1;
        fill(0, height - bar, width, bar, BLACK);
        fill(0, height - bar, (int) ((long) width * (n + 1) / frames), bar, WHITE);
        // The frame number, six digits at the top left.
        int digit = Math.max(6, height / 10);
        int stroke = Math.max(2, digit / 6);
        int pitch = digit / 2 + 2 * stroke;
        fill(0, 0, 6 * pitch + 2 * stroke, digit + 3 * stroke, BLACK);
        int number = n;
        for (int place = 5; place >= 0; place--) {
            drawDigit(number % 10, stroke + place * pitch, stroke, digit / 2, digit, stroke);
            number /= 10;
        }
    }

    private void drawDigit(int digit, int left, int top, int w, int h, int s) {
        int lit = DIGITS[digit];
        int mid = top + h / 2 - s / 2;
        int[][] segments = {
                {left, top, w, s}, {left + w - s, top, s, h / 2}, {left + w - s, top + h / 2, s, h / 2},
                {left, top + h - s, w, s}, {left, top + h / 2, s, h / 2}, {left, top, s, h / 2}, {left, mid, w, s}};
        for (int i = 0; i < segments.length; i++) {
            if ((lit & (1 << i)) != 0) {
                fill(segments[i][0], segments[i][1], segments[i][2], segments[i][3], WHITE);
            }
        }
    }

    /** Paints a grey rectangle (luma {@code level}, neutral colour), clipped to the picture. */
    private void fill(int left, int top, int w, int h, int level) {
        int right = Math.min(width, left + w);
        int bottom = Math.min(height, top + h);
        for (int row = Math.max(0, top); row < bottom; row++) {
            Arrays.fill(y, row * width + Math.max(0, left), row * width + right, (byte) level);
        }
        for (int row = Math.max(0, top) / 2; row < (bottom + 1) / 2; row++) {
            int from = row * (width / 2) + Math.max(0, left) / 2;
            int to = row * (width / 2) + (right + 1) / 2;
            Arrays.fill(u, from, to, (byte) 128);
            Arrays.fill(v, from, to, (byte) 128);
        }
    }

    /** Makes the rows from {@code top} to {@code bottom} grey (no colour). */
    private void fillChroma(int top, int bottom) {
        Arrays.fill(u, top / 2 * (width / 2), bottom / 2 * (width / 2), (byte) 128);
        Arrays.fill(v, top / 2 * (width / 2), bottom / 2 * (width / 2), (byte) 128);
    }

    @Override
    public void close() {
        // Nothing held but memory.
    }
}
