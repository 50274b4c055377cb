package io.faceflow.training.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints in a folder: one sub-folder per save ({@code step-00000123/} with backbone.params,
 * head.params, optimizer.bin, state.json) and {@code latest.txt} naming the newest. latest.txt is
 * replaced atomically after the sub-folder is complete, so a crash mid-save leaves the previous
 * checkpoint in force.
 */
public final class Checkpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Checkpoints kept on disk; older ones are deleted after each save. */
    public static final int KEEP = 2;
    private final Path dir;

    public Checkpoints(Path dir) {
        this.dir = dir;
    }

    public Path save(TrainingState state, Block backbone, Block head, SgdMomentum optimizer) throws IOException {
        Path target = dir.resolve(String.format("step-%08d", state.globalStep()));
        Files.createDirectories(target);
        write(target.resolve("backbone.params"), out -> backbone.saveParameters(out));
        write(target.resolve("head.params"), out -> head.saveParameters(out));
        write(target.resolve("optimizer.bin"), optimizer::save);
        JSON.writeValue(target.resolve("state.json").toFile(), state);
        Path tmp = dir.resolve("latest.txt.tmp");
        Files.writeString(tmp, target.getFileName().toString(), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("latest.txt"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        prune(target);
        return target;
    }

    /**
     * Keeps the newest {@link #KEEP} checkpoints: an iresnet50 checkpoint is ~0.5 GB (weights plus
     * momentum), so keeping all of them fills a disk. Only folders named step-N are touched.
     */
    private void prune(Path newest) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().matches("step-\\d+") && Files.isDirectory(p)).sorted().toList();
        }
        for (int i = 0; i < all.size() - KEEP; i++) {
            Path old = all.get(i);
            if (old.equals(newest)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(old)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The newest complete checkpoint folder, if any. */
    public Optional<Path> latest() throws IOException {
        Path pointer = dir.resolve("latest.txt");
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path target = dir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        if (!Files.isRegularFile(target.resolve("state.json"))) {
            throw new IOException(pointer + " names " + target + ", which has no state.json: remove latest.txt to start over");
        }
        return Optional.of(target);
    }

    /** Loads parameters and optimizer state from {@code checkpoint} into initialised blocks; returns the state. */
    public static TrainingState load(Path checkpoint, NDManager manager, Block backbone, Block head, SgdMomentum optimizer)
            throws IOException {
        try {
            read(checkpoint.resolve("backbone.params"), in -> backbone.loadParameters(manager, in));
            read(checkpoint.resolve("head.params"), in -> head.loadParameters(manager, in));
        } catch (MalformedModelException e) {
            throw new IOException(checkpoint + " does not fit this backbone/head (different architecture or sizes?)", e);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpoint.resolve("optimizer.bin"))))) {
            optimizer.load(in);
        }
        return JSON.readValue(checkpoint.resolve("state.json").toFile(), TrainingState.class);
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader {
        void read(DataInputStream in) throws IOException, MalformedModelException;
    }

    private static void write(Path file, Writer writer) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            writer.write(out);
        }
    }

    private static void read(Path file, Reader reader) throws IOException, MalformedModelException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            reader.read(in);
        }
    }
}
