package io.faceflow.index.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of real face embeddings, fitted from a model's embeddings of photos of known people:
 * their mean, their covariance, and the pooled within-identity covariance (how the photos of one
 * person scatter around that person's centre). {@link FaceShapedData} draws galleries from it.
 *
 * @param source what it was fitted from (model, photo count, people), for the reports
 * @param meanCentreDistance mean distance of a photo's embedding to its identity's centre
 */
public record FaceShape(float[] mean, double[][] covariance, double[][] within, int photos, int identities,
                        double meanCentreDistance, String source) {
    static final String MEAN = "mean.npy";
    static final String COVARIANCE = "covariance.npy";
    static final String WITHIN = "within.npy";
    static final String INFO = "face-shape.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public FaceShape {
        int dim = mean.length;
        if (covariance.length != dim || within.length != dim) {
            throw new IllegalArgumentException("face shape of dim " + dim + " has covariances of " + covariance.length
                    + " and " + within.length + " rows");
        }
    }

    public int dim() {
        return mean.length;
    }

    /**
     * Fits the shape from {@code faceflow embed --json} output: one JSON object per image with
     * {@code image} and {@code embedding}; the identity is the image's folder name (s1/3.pgm is
     * person s1). Lines without an embedding (no face found) are skipped.
     */
    public static FaceShape fitEmbedJson(Path jsonLines) {
        Map<String, List<float[]>> byIdentity = new LinkedHashMap<>();
        String model = null;
        try (BufferedReader in = Files.newBufferedReader(jsonLines)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                JsonNode embedding = node.get("embedding");
                if (embedding == null || !embedding.isArray()) {
                    continue;
                }
                Path parent = Path.of(node.path("image").asText()).getParent();
                if (parent == null) {
                    throw new IllegalArgumentException("image " + node.path("image") + " in " + jsonLines
                            + " has no folder; photos must sit in one folder per person");
                }
                float[] v = new float[embedding.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) embedding.get(i).asDouble();
                }
                byIdentity.computeIfAbsent(parent.getFileName().toString(), k -> new ArrayList<>()).add(v);
                model = node.path("model").asText(model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embeddings from " + jsonLines + ": " + e.getMessage(), e);
        }
        return fit(byIdentity, "model " + model + ", " + jsonLines.getFileName());
    }

    /** Fits the shape from L2-normalised embeddings grouped by person (people with one photo add no spread). */
    public static FaceShape fit(Map<String, List<float[]>> byIdentity, String source) {
        List<float[]> all = byIdentity.values().stream().flatMap(List::stream).toList();
        if (all.size() < 2 || byIdentity.size() < 2) {
            throw new IllegalArgumentException("fitting a face shape needs photos of at least two people, got "
                    + all.size() + " photos of " + byIdentity.size());
        }
        int dim = all.get(0).length;
        double[] mean = new double[dim];
        for (float[] v : all) {
            if (v.length != dim) {
                throw new IllegalArgumentException("embeddings of sizes " + dim + " and " + v.length + " in " + source);
            }
            for (int i = 0; i < dim; i++) {
                mean[i] += v[i] / (double) all.size();
            }
        }
        double[][] covariance = new double[dim][dim];
        double[][] within = new double[dim][dim];
        double centreDistance = 0;
        int withinSamples = 0;
        for (List<float[]> photos : byIdentity.values()) {
            double[] centre = new double[dim];
            for (float[] v : photos) {
                for (int i = 0; i < dim; i++) {
                    centre[i] += v[i] / (double) photos.size();
                }
            }
            for (float[] v : photos) {
                addOuter(covariance, v, mean);
                if (photos.size() > 1) {
                    centreDistance += Math.sqrt(addOuter(within, v, centre));
                    withinSamples++;
                }
            }
        }
        int withinDof = withinSamples - (int) byIdentity.values().stream().filter(p -> p.size() > 1).count();
        scale(covariance, 1.0 / (all.size() - 1));
        scale(within, 1.0 / Math.max(1, withinDof));
        float[] meanF = new float[dim];
        for (int i = 0; i < dim; i++) {
            meanF[i] = (float) mean[i];
        }
        return new FaceShape(meanF, covariance, within, all.size(), byIdentity.size(),
                centreDistance / Math.max(1, withinSamples), source);
    }

    /** Adds (v - c)(v - c)^T to the lower and upper triangle alike; returns |v - c|^2. */
    private static double addOuter(double[][] sum, float[] v, double[] c) {
        int dim = v.length;
        double[] d = new double[dim];
        double squared = 0;
        for (int i = 0; i < dim; i++) {
            d[i] = v[i] - c[i];
            squared += d[i] * d[i];
        }
        for (int i = 0; i < dim; i++) {
            double di = d[i];
            double[] row = sum[i];
            for (int j = 0; j < dim; j++) {
                row[j] += di * d[j];
            }
        }
        return squared;
    }

    private static void scale(double[][] m, double factor) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
            Npy.writeMatrix(dir.resolve(MEAN), new float[][] {mean});
            Npy.writeMatrix(dir.resolve(COVARIANCE), toFloat(covariance));
            Npy.writeMatrix(dir.resolve(WITHIN), toFloat(within));
            ObjectNode info = JSON.createObjectNode().put("dim", dim()).put("photos", photos)
                    .put("identities", identities).put("meanCentreDistance", meanCentreDistance).put("source", source);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(INFO).toFile(), info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the face shape to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a shape written by {@link #save}; the error says how to make one when it is missing. */
    public static FaceShape load(Path dir) {
        try {
            JsonNode info = JSON.readTree(dir.resolve(INFO).toFile());
            return new FaceShape(Npy.readMatrix(dir.resolve(MEAN))[0], toDouble(Npy.readMatrix(dir.resolve(COVARIANCE))),
                    toDouble(Npy.readMatrix(dir.resolve(WITHIN))), info.path("photos").asInt(),
                    info.path("identities").asInt(), info.path("meanCentreDistance").asDouble(),
                    info.path("source").asText());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("no face-shape statistics in " + dir + " (" + e.getMessage() + "): make"
                    + " them with bench/fit_face_shape.sh (embeds the shared face photos with the pretrained model, then"
                    + " runs faceflow bench face-shape), pass --face-shape DIR, or use --data isotropic", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the face shape in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static float[][] toFloat(double[][] m) {
        float[][] out = new float[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new float[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (float) m[i][j];
            }
        }
        return out;
    }

    private static double[][] toDouble(float[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = m[i][j];
            }
        }
        return out;
    }

    /** Mean norm, total variance and within-identity spread: the figures the fit command prints. */
    public String describe() {
        double norm = 0;
        for (float m : mean) {
            norm += m * m;
        }
        return String.format(java.util.Locale.ROOT, "%d photos of %d people, dim %d (%s): mean norm %.3f, total variance"
                        + " %.3f, within-identity variance %.3f, mean distance to the identity centre %.3f",
                photos, identities, dim(), source, Math.sqrt(norm), trace(covariance), trace(within), meanCentreDistance);
    }

    static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }
}
