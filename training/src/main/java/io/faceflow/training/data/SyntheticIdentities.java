package io.faceflow.training.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Synthetic "identities" for tests: every identity has its own background colour, shape, shape
 * colour and position; each sample of it jitters position, size and brightness and adds noise.
 * Images of one identity are more alike than images of two, which is all a metric learner needs.
 * Deterministic in (seed, identity, sample).
 */
public final class SyntheticIdentities {
    public static final int SIZE = 112;
    private final long seed;
    private final int size;

    public SyntheticIdentities(long seed) {
        this(seed, SIZE);
    }

    public SyntheticIdentities(long seed, int size) {
        if (size < 16) {
            throw new IllegalArgumentException("image size must be at least 16, got " + size);
        }
        this.seed = seed;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** Sample {@code sample} of identity {@code identity}, size x size RGB. */
    public BufferedImage image(int identity, int sample) {
        SplittableRandom id = new SplittableRandom(seed * 1_000_003L + identity);
        Color background = Color.getHSBColor(id.nextFloat(), 0.3f + 0.4f * id.nextFloat(), 0.4f + 0.4f * id.nextFloat());
        Color foreground = Color.getHSBColor(id.nextFloat(), 0.6f + 0.4f * id.nextFloat(), 0.6f + 0.4f * id.nextFloat());
        int shape = id.nextInt(4);
        double cx = size * (0.3 + 0.4 * id.nextDouble());
        double cy = size * (0.3 + 0.4 * id.nextDouble());
        double radius = size * (0.15 + 0.1 * id.nextDouble());
        Color mark = Color.getHSBColor(id.nextFloat(), 1f, 1f);
        double markAngle = id.nextDouble() * 2 * Math.PI;

        SplittableRandom s = new SplittableRandom(id.nextLong() ^ (sample * 0x9E3779B97F4A7C15L));
        double jx = cx + size * 0.04 * s.nextGaussian();
        double jy = cy + size * 0.04 * s.nextGaussian();
        double r = radius * (1 + 0.08 * s.nextGaussian());
        float brightness = (float) (1 + 0.1 * s.nextGaussian());

        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(background);
            g.fillRect(0, 0, size, size);
            g.setColor(foreground);
            int x0 = (int) (jx - r);
            int y0 = (int) (jy - r);
            int d = (int) (2 * r);
            switch (shape) {
                case 0 -> g.fillOval(x0, y0, d, d);
                case 1 -> g.fillRect(x0, y0, d, d);
                case 2 -> g.fillPolygon(new int[] {(int) jx, x0, x0 + d}, new int[] {y0, y0 + d, y0 + d}, 3);
                default -> {
                    g.setStroke(new BasicStroke(Math.max(2f, size / 20f)));
                    g.drawOval(x0, y0, d, d);
                }
            }
            g.setColor(mark);
            int mx = (int) (jx + 0.6 * r * Math.cos(markAngle));
            int my = (int) (jy + 0.6 * r * Math.sin(markAngle));
            int md = Math.max(3, size / 14);
            g.fillOval(mx - md / 2, my - md / 2, md, md);
        } finally {
            g.dispose();
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                int rr = clamp(((rgb >> 16) & 0xff) * brightness + 8 * s.nextGaussian());
                int gg = clamp(((rgb >> 8) & 0xff) * brightness + 8 * s.nextGaussian());
                int bb = clamp((rgb & 0xff) * brightness + 8 * s.nextGaussian());
                image.setRGB(x, y, (rr << 16) | (gg << 8) | bb);
            }
        }
        return image;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
