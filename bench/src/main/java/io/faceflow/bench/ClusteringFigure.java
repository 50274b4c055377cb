package io.faceflow.bench;

import java.util.List;
import java.util.Locale;

/**
 * The clustering benchmark as a chart: purity and completeness (0 to 1) against the join
 * threshold, with the people merged written at each point and the default threshold marked. Plain
 * SVG, so a browser or the docs show it without tools.
 */
final class ClusteringFigure {
    /** One threshold's figures. */
    record Point(double threshold, double purity, double completeness, int merged) {}

    private static final int W = 640;
    private static final int H = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** The y axis starts here: both scores sit high, and below this nothing would be seen but blank. */
    private static final double Y_MIN = 0.8;

    private ClusteringFigure() {}

    static String svg(String title, List<Point> points, double defaultThreshold) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no thresholds to draw");
        }
        double xMin = points.stream().mapToDouble(Point::threshold).min().orElseThrow();
        double xMax = points.stream().mapToDouble(Point::threshold).max().orElseThrow();
        if (xMax - xMin < 1e-9) {
            xMin -= 0.05;
            xMax += 0.05;
        }
        double yMin = Math.min(Y_MIN, points.stream().mapToDouble(p -> Math.min(p.purity(), p.completeness()))
                .min().orElseThrow() - 0.02);
        Scale x = new Scale(xMin, xMax, LEFT, W - RIGHT);
        Scale y = new Scale(yMin, 1.0, H - BOTTOM, TOP);
        StringBuilder s = new StringBuilder();
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\""
                + " font-size=\"12\">%n", W, H));
        s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        s.append(f("<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, escape(title)));
        for (double v = Math.ceil(yMin * 20) / 20; v <= 1.0001; v += 0.05) {
            s.append(f("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, W - RIGHT,
                    y.at(v), y.at(v)));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", LEFT - 6, y.at(v) + 4, v));
        }
        for (Point p : points) {
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3f</text>%n", x.at(p.threshold()),
                    H - BOTTOM + 16, p.threshold()));
        }
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">join threshold (cosine)</text>%n",
                (LEFT + W - RIGHT) / 2, H - 12));
        if (defaultThreshold >= xMin && defaultThreshold <= xMax) {
            s.append(f("<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4 3\"/>%n",
                    x.at(defaultThreshold), x.at(defaultThreshold), TOP, H - BOTTOM));
            s.append(f("<text x=\"%.1f\" y=\"%d\" fill=\"#555\">default</text>%n", x.at(defaultThreshold) + 4, TOP + 12));
        }
        line(s, points, x, y, true, "#1f77b4");
        line(s, points, x, y, false, "#d62728");
        for (Point p : points) {
            if (p.merged() > 0) {
                s.append(f("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#1f77b4\">%d merged</text>%n",
                        x.at(p.threshold()), y.at(p.purity()) - 8, p.merged()));
            }
        }
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">purity</text>%n", W - RIGHT - 150, H - BOTTOM - 28));
        s.append(f("<text x=\"%d\" y=\"%d\" fill=\"#d62728\">completeness</text>%n", W - RIGHT - 150, H - BOTTOM - 12));
        return s.append("</svg>\n").toString();
    }

    private static void line(StringBuilder s, List<Point> points, Scale x, Scale y, boolean purity, String colour) {
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
            double v = purity ? p.purity() : p.completeness();
            path.append(f("%.1f,%.1f ", x.at(p.threshold()), y.at(v)));
            s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x.at(p.threshold()), y.at(v), colour));
        }
        s.append(f("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>%n", path.toString().trim(),
                colour));
    }

    private record Scale(double from, double to, double pixelFrom, double pixelTo) {
        double at(double v) {
            return pixelFrom + (v - from) / (to - from) * (pixelTo - pixelFrom);
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
