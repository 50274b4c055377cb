package io.faceflow.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dataset laid out as {@code root/<identity>/<image files>}: one sub-folder per person. Folders
 * are read in name order, so labels are stable; files that are not images by extension are ignored,
 * hidden files too. Symbolic links are followed (a training set can be a folder of links).
 *
 * @param identities folder names, index = label
 * @param files every image file, in identity then name order
 * @param labels identity index of each file
 */
public record IdentityFolders(Path root, List<String> identities, List<Path> files, int[] labels) {
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "pgm", "ppm", "pnm", "bmp");

    public IdentityFolders {
        identities = List.copyOf(identities);
        files = List.copyOf(files);
    }

    /**
     * Lists the identity folders under {@code root}.
     *
     * @param minIdentities fewer identities (with at least one image) than this is an error
     */
    public static IdentityFolders scan(Path root, int minIdentities) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("dataset folder not found: " + root
                    + " (expected one sub-folder of images per identity)");
        }
        List<String> identities = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Path folder : list(root)) {
            if (!Files.isDirectory(folder) || hidden(folder)) {
                continue;
            }
            List<Path> images = list(folder).stream().filter(IdentityFolders::isImage).toList();
            if (images.isEmpty()) {
                continue;
            }
            int label = identities.size();
            identities.add(folder.getFileName().toString());
            for (Path image : images) {
                files.add(image);
                labels.add(label);
            }
        }
        if (identities.size() < minIdentities) {
            throw new IllegalArgumentException(root + " holds " + identities.size() + " identity folder(s) with images; "
                    + "need at least " + minIdentities + " (layout: " + root + "/<identity>/<image>."
                    + String.join("|", EXTENSIONS.stream().sorted().toList()) + ")");
        }
        return new IdentityFolders(root, identities, files, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() {
        return files.size();
    }

    /** Each identity's images, in folder order. */
    public java.util.Map<String, List<Path>> byIdentity() {
        java.util.Map<String, List<Path>> result = new java.util.LinkedHashMap<>();
        for (int i = 0; i < files.size(); i++) {
            result.computeIfAbsent(identities.get(labels[i]), k -> new ArrayList<>()).add(files.get(i));
        }
        return result;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !hidden(file) && dot > 0 && Files.isRegularFile(file)
                && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
