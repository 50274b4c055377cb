package io.faceflow.testkit;

import java.util.List;

/**
 * Who is where in the five sitcom scenes (shared/datasets/sitcom_cast/scenes), labelled by hand
 * from the photos: one point near the centre of each cast member's face, in the scene's pixels.
 * A detected face whose box holds a labelled point is that person; a face holding none is someone
 * not in the cast (a background extra), who must never be named.
 */
public final class SitcomScenes {
    private SitcomScenes() {}

    /** One labelled face. */
    public record Face(String scene, String person, int x, int y) {}

    public static final List<String> CAST =
            List.of("amy", "bernadette", "howard", "leonard", "penny", "raj", "sheldon", "stuart");

    public static final List<Face> FACES = List.of(
            new Face("bbt1.jpg", "raj", 258, 205),
            new Face("bbt1.jpg", "leonard", 520, 200),
            new Face("bbt1.jpg", "howard", 778, 195),
            new Face("bbt1.jpg", "sheldon", 1045, 160),
            new Face("bbt2.jpg", "leonard", 125, 165),
            new Face("bbt2.jpg", "sheldon", 420, 150),
            new Face("bbt3.jpg", "sheldon", 62, 60),
            new Face("bbt3.jpg", "howard", 178, 115),
            new Face("bbt3.jpg", "penny", 282, 130),
            new Face("bbt3.jpg", "raj", 392, 135),
            new Face("bbt3.jpg", "leonard", 515, 125),
            new Face("bbt4.jpg", "amy", 118, 80),
            new Face("bbt4.jpg", "raj", 278, 100),
            new Face("bbt4.jpg", "bernadette", 612, 100),
            new Face("bbt4.jpg", "leonard", 100, 305),
            new Face("bbt4.jpg", "penny", 295, 275),
            new Face("bbt4.jpg", "sheldon", 515, 245),
            new Face("bbt5.jpg", "raj", 155, 200),
            new Face("bbt5.jpg", "penny", 260, 80),
            new Face("bbt5.jpg", "sheldon", 480, 180),
            new Face("bbt5.jpg", "leonard", 615, 100),
            new Face("bbt5.jpg", "howard", 758, 150));

    /** The person whose labelled point lies in the box, or null for a face nobody labelled. */
    public static String personAt(String scene, double x, double y, double width, double height) {
        String found = null;
        for (Face f : FACES) {
            if (f.scene().equals(scene) && f.x() >= x && f.x() <= x + width && f.y() >= y && f.y() <= y + height) {
                if (found != null) {
                    throw new IllegalStateException("two labelled faces in one box in " + scene + ": " + found + ", "
                            + f.person());
                }
                found = f.person();
            }
        }
        return found;
    }
}
