package io.faceflow.training.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Renders ROC curves as a PNG: TAR against FAR on a log axis (1e-4 .. 1), the customary view for
 * face verification. Draws into a BufferedImage only, so it runs headless.
 */
public final class RocPlot {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};
    private static final double MIN_LOG_FAR = -4;

    private RocPlot() {}

    public static BufferedImage render(List<RocCurve> curves, String title, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            int left = 60;
            int right = width - 20;
            int top = 40;
            int bottom = height - 50;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.setColor(new Color(0xdddddd));
            for (int e = (int) MIN_LOG_FAR; e <= 0; e++) {
                int x = xOf(Math.pow(10, e), left, right);
                g.drawLine(x, top, x, bottom);
            }
            for (int k = 0; k <= 10; k++) {
                int y = bottom - (bottom - top) * k / 10;
                g.drawLine(left, y, right, y);
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, right - left, bottom - top);
            for (int e = (int) MIN_LOG_FAR; e <= 0; e++) {
                int x = xOf(Math.pow(10, e), left, right);
                g.drawString("1e" + e, x - 12, bottom + 16);
            }
            for (int k = 0; k <= 10; k += 2) {
                int y = bottom - (bottom - top) * k / 10;
                g.drawString(String.format(Locale.ROOT, "%.1f", k / 10.0), left - 30, y + 4);
            }
            g.drawString("FAR", (left + right) / 2 - 10, height - 15);
            g.drawString("TAR", 10, (top + bottom) / 2);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, left, 25);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int c = 0; c < curves.size(); c++) {
                RocCurve curve = curves.get(c);
                Color colour = PALETTE[c % PALETTE.length];
                g.setColor(colour);
                g.setStroke(new BasicStroke(2f));
                Path2D.Double path = new Path2D.Double();
                boolean started = false;
                for (int i = 0; i < curve.far().length; i++) {
                    double far = Math.max(curve.far()[i], Math.pow(10, MIN_LOG_FAR));
                    double x = xOf(far, left, right);
                    double y = bottom - (bottom - top) * curve.tar()[i];
                    if (!started) {
                        path.moveTo(x, y);
                        started = true;
                    } else {
                        path.lineTo(x, y);
                    }
                }
                g.draw(path);
                String legend = String.format(Locale.ROOT, "%s (AUC %.4f)", curve.label(), curve.auc());
                g.drawString(legend, right - 220, bottom - 15 - 16 * (curves.size() - 1 - c));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Writes the plot to {@code png}, creating parent folders. */
    public static void write(List<RocCurve> curves, String title, Path png) throws IOException {
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        if (!ImageIO.write(render(curves, title, 800, 600), "png", png.toFile())) {
            throw new IOException("no PNG writer available in this JRE");
        }
    }

    private static int xOf(double far, int left, int right) {
        double log = Math.log10(Math.max(far, Math.pow(10, MIN_LOG_FAR)));
        return (int) Math.round(left + (right - left) * (log - MIN_LOG_FAR) / -MIN_LOG_FAR);
    }
}
