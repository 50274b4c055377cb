package io.faceflow.core.detect;

/** An axis-aligned face box in image pixel coordinates. */
public record Box(double x, double y, double width, double height) {
    public double area() {
        return width * height;
    }

    public boolean contains(Point p) {
        return p.x() >= x && p.x() <= x + width && p.y() >= y && p.y() <= y + height;
    }
}
