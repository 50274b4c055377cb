package io.faceflow.app.command;

import io.faceflow.core.detect.DetectedFace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shape of a detected face in command output. */
final class FaceJson {
    private FaceJson() {}

    static Map<String, Object> of(DetectedFace f) {
        Map<String, Object> face = new LinkedHashMap<>();
        face.put("box", Map.of("x", round(f.box().x()), "y", round(f.box().y()), "width", round(f.box().width()),
                "height", round(f.box().height())));
        face.put("landmarks", landmarks(f));
        face.put("score", round(f.score()));
        return face;
    }

    static List<List<Double>> landmarks(DetectedFace f) {
        return f.landmarks().stream().map(p -> List.of(round(p.x()), round(p.y()))).toList();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
