package io.faceflow.app.broker;

import io.faceflow.app.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code faceflow broker} as a child process of this one, for the demo: its log in a file, ready
 * when it says so, stopped with SIGTERM (then SIGKILL after a grace period) on {@link #close()}.
 * The child also watches this process and stops when it is gone, so not even a kill -9 of the
 * parent leaves a broker behind.
 */
public final class BrokerProcess implements AutoCloseable {
    /** How {@code faceflow broker} starts the line that says it takes clients. */
    public static final String READY = "Kafka broker ready on ";
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /**
     * This broker shares its machine's cores with the processor it serves. Its steady work (a few
     * MB/s, commits every 50 ms) needs no optimising compiler, and C2 kept compiling Kafka's code
     * for minutes, at 5-7 % of a core; C1 alone and the serial collector leave those cycles to the
     * processor (docs/performance.md, "Through Kafka on one machine").
     */
    static final List<String> LEAN_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Process process;
    private final LocalBroker broker;

    private BrokerProcess(Process process, LocalBroker broker) {
        this.process = process;
        this.broker = broker;
    }

    public static BrokerProcess start(LocalBroker broker, Path log, Duration timeout) {
        List<String> command = new ArrayList<>();
        // Its own session: Ctrl-C in the terminal reaches the demo, which then stops the stream (that
        // still needs the broker to commit) before it stops the broker, instead of both at once.
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.addAll(SameJvm.command(Main.class.getName(), LEAN_JVM, List.of("broker", "--data",
                broker.dataDir().toString(), "--port", String.valueOf(broker.port()), "--parent-pid",
                String.valueOf(ProcessHandle.current().pid()))));
        Process process;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Kafka broker process: " + e.getMessage(), e);
        }
        BrokerProcess started = new BrokerProcess(process, broker);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!read(log).contains(READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                started.close();
                throw new IllegalStateException("the Kafka broker did not start" + (process.isAlive() ? " within "
                        + timeout.toSeconds() + " s" : "") + "; its log " + log + " ends with:\n" + tail(read(log)));
            }
            sleepQuietly(200);
        }
        return started;
    }

    public String bootstrap() {
        return broker.bootstrap();
    }

    public long pid() {
        return process.pid();
    }

    private static String read(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, so the broker closes its logs cleanly; SIGKILL if it has not gone within 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
