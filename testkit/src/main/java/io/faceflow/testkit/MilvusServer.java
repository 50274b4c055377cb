package io.faceflow.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Milvus for tests: Milvus Lite started as a gRPC server on a free loopback port with a
 * temporary data folder, or the server named by MILVUS_URI (milvus://host:port).
 *
 * <p>The milvus-lite executable is MILVUS_LITE, else {@code .cache/milvus-venv/bin/milvus-lite}
 * under the repository root (scripts/test.sh creates it). When neither a server nor the executable
 * is there the test is skipped with a notice, or fails under CI=true ({@link TestResources#require}).
 */
public final class MilvusServer implements AutoCloseable {
    public static final String URI_ENV = "MILVUS_URI";
    public static final String LITE_ENV = "MILVUS_LITE";
    private static final long START_TIMEOUT_MS = 90_000;

    private final String host;
    private final int port;
    private final Process process;
    private final Path dataDir;
    private final StringBuffer log = new StringBuffer();

    private MilvusServer(String host, int port, Process process, Path dataDir) {
        this.host = host;
        this.port = port;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** Reaches MILVUS_URI when set, otherwise starts Milvus Lite and waits until it answers. */
    public static MilvusServer startOrConnect() {
        String external = System.getenv(URI_ENV);
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external);
            TestResources.require("milvus".equals(uri.getScheme()) && uri.getHost() != null,
                    URI_ENV + "=" + external + " (expected milvus://host:port)");
            int port = uri.getPort() < 0 ? 19530 : uri.getPort();
            TestResources.require(answers(uri.getHost(), port), "Milvus server at " + external);
            return new MilvusServer(uri.getHost(), port, null, null);
        }
        Path executable = liteExecutable();
        TestResources.require(executable != null, "the milvus-lite executable (set " + LITE_ENV + ", or create "
                + ".cache/milvus-venv with: python3 -m venv .cache/milvus-venv && .cache/milvus-venv/bin/pip install"
                + " milvus-lite==3.2.2 pymilvus)");
        return start(executable);
    }

    private static MilvusServer start(Path executable) {
        Path dataDir;
        int port;
        try {
            dataDir = Files.createTempDirectory("milvus-lite-");
            port = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Milvus Lite data folder", e);
        }
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "server", "--data-dir", dataDir.toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port)).redirectErrorStream(true).start();
        } catch (IOException e) {
            TestResources.require(false, "Milvus Lite (" + executable + " failed to start: " + e.getMessage() + ")");
            throw new IllegalStateException("unreachable");
        }
        MilvusServer server = new MilvusServer("127.0.0.1", port, process, dataDir);
        server.pumpLog();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            if (server.log.indexOf("listening on") >= 0 && answers("127.0.0.1", port)) {
                return server;
            }
            sleep(100);
        }
        String output = server.log.toString();
        server.close();
        TestResources.require(false, "Milvus Lite on port " + port + " (did not answer within "
                + START_TIMEOUT_MS / 1000 + " s; its output:\n" + output + ")");
        throw new IllegalStateException("unreachable");
    }

    private void pumpLog() {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (log.length() < 200_000) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "milvus-lite-log");
        t.setDaemon(true);
        t.start();
    }

    /** MILVUS_LITE, else .cache/milvus-venv/bin/milvus-lite in this folder or the nearest parent holding it. */
    static Path liteExecutable() {
        String env = System.getenv(LITE_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? p : null;
        }
        String root = System.getenv("FACEFLOW_REPO_ROOT");
        for (Path dir = Path.of(root != null ? root : System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            Path candidate = dir.resolve(".cache/milvus-venv/bin/milvus-lite");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Milvus Lite", e);
        }
    }

    /** milvus://host:port, the form faceflow's index URIs use. */
    public String uri() {
        return "milvus://" + host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** True when this fixture started the server (false when it uses MILVUS_URI). */
    public boolean started() {
        return process != null;
    }

    /** The server's output so far (for failure messages). */
    public String log() {
        return log.toString();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
