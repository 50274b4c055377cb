package io.faceflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * A main class run in a second JVM with the test's classpath and JVM flags, its output in a log
 * file: for tests that must kill a process outright (kill -9), which no in-JVM stop can imitate.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(Path log, Map<String, String> env, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new ChildJvm(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass + " in a child JVM", e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Everything the child has printed so far (stdout and stderr), for assertions and failure messages. */
    public String output() {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(the log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Waits until the child has printed {@code text}; fails when it ends first or the timeout passes. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            Assertions.assertTrue(alive(), () -> "the child ended before printing '" + text + "':\n" + output());
            Assertions.assertTrue(System.nanoTime() < deadline,
                    () -> "no '" + text + "' within " + timeout + ":\n" + output());
            Thread.sleep(100);
        }
    }

    /** The child and every process it started that is still running. */
    public List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        process.descendants().forEach(tree::add);
        return tree;
    }

    /** Waits for the child to end by itself; returns its exit code, or -1 when it had to be killed at the timeout. */
    public int awaitExit(Duration timeout) {
        if (waitFor(timeout)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /**
     * SIGINT, as Ctrl-C in a terminal. Returns the exit code, or -1 when it had to be killed after the
     * grace. Fails at once when the child ignores SIGINT: a JVM leaves an ignored SIGINT ignored, and
     * the child inherits that from a build started as a background job of a shell without job control.
     */
    public int interrupt(Duration grace) {
        if (ignoresSigint(process.pid())) {
            kill();
            throw new IllegalStateException("the child JVM ignores SIGINT, inherited from the process that started this"
                    + " build (a background job of a non-interactive shell, or nohup under sh); run the build in the"
                    + " foreground, or from a shell with job control (set -m), so that Ctrl-C can be tested");
        }
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("could not send SIGINT to " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return awaitExit(grace);
    }

    /** Whether the SigIgn mask in /proc/PID/status has SIGINT (signal 2, bit 1) set. */
    private static boolean ignoresSigint(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 2L) != 0;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // no /proc (not Linux): send the signal and see
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: the process's shutdown hooks run. Returns its exit code, or -1 when it had to be killed. */
    public int terminate(Duration grace) {
        process.destroy();
        return awaitExit(grace);
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
