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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Milvus for tests: the server named by MILVUS_URI (milvus://host:port), else one started on
 * a free loopback port with a temporary data folder. MILVUS_SERVER picks which:
 * <ul>
 *   <li>{@code lite} (default): Milvus Lite, {@code .cache/milvus-venv/bin/milvus-lite} (or MILVUS_LITE);
 *       starts in a second, keeps rows in one store.</li>
 *   <li>{@code standalone}: the Milvus 2.3 engine, {@code .cache/milvus-standalone-venv/bin/milvus-server}
 *       (or MILVUS_STANDALONE), with authentication on (user root, password Milvus): index builds,
 *       sealed segments and users as in production. It also takes etcd's port 2379, so one at a time.</li>
 * </ul>
 * scripts/milvus.sh install prepares both. When the server cannot be had the test is skipped with a
 * notice, or fails under CI=true ({@link TestResources#require}).
 */
public final class MilvusServer implements AutoCloseable {
    public static final String URI_ENV = "MILVUS_URI";
    public static final String KIND_ENV = "MILVUS_SERVER";
    /** The standalone server's credentials, as MILVUS_TOKEN expects them. */
    public static final String STANDALONE_TOKEN = "root:Milvus";
    private static final long START_TIMEOUT_MS = 180_000;

    /** The two servers this fixture can start. */
    public enum Kind {
        LITE("MILVUS_LITE", ".cache/milvus-venv/bin/milvus-lite", "listening on"),
        STANDALONE("MILVUS_STANDALONE", ".cache/milvus-standalone-venv/bin/milvus-server", "Ctrl+C to exit");

        private final String executableEnv;
        private final String defaultExecutable;
        private final String readyLine;

        Kind(String executableEnv, String defaultExecutable, String readyLine) {
            this.executableEnv = executableEnv;
            this.defaultExecutable = defaultExecutable;
            this.readyLine = readyLine;
        }

        List<String> command(Path executable, Path dataDir, int port) {
            return this == LITE
                    ? List.of(executable.toString(), "server", "--data-dir", dataDir.toString(), "--host", "127.0.0.1",
                            "--port", Integer.toString(port))
                    : List.of(executable.toString(), "--data", dataDir.toString(), "--proxy-port", Integer.toString(port),
                            "--authorization-enabled", "true");
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** From MILVUS_SERVER: lite (default) or standalone. */
        public static Kind fromEnvironment() {
            String v = System.getenv(KIND_ENV);
            if (v == null || v.isBlank() || v.equals("lite")) {
                return LITE;
            }
            if (v.equals("standalone")) {
                return STANDALONE;
            }
            throw new IllegalArgumentException(KIND_ENV + "=" + v + " is unknown: use lite or standalone");
        }
    }

    private final Kind kind;
    private final String host;
    private final int port;
    private volatile Process process;
    private final Path dataDir;
    private Path executable;
    private final StringBuffer log = new StringBuffer();

    private MilvusServer(Kind kind, String host, int port, Process process, Path dataDir) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.process = process;
        this.dataDir = dataDir;
    }

    /** Reaches MILVUS_URI when set, otherwise starts the MILVUS_SERVER kind and waits until it answers. */
    public static MilvusServer startOrConnect() {
        Kind kind = Kind.fromEnvironment();
        String external = System.getenv(URI_ENV);
        if (external != null && !external.isBlank()) {
            URI uri = URI.create(external);
            TestResources.require("milvus".equals(uri.getScheme()) && uri.getHost() != null,
                    URI_ENV + "=" + external + " (expected milvus://host:port)");
            int port = uri.getPort() < 0 ? 19530 : uri.getPort();
            TestResources.require(answers(uri.getHost(), port), "Milvus server at " + external);
            return new MilvusServer(kind, uri.getHost(), port, null, null);
        }
        Path executable = executable(kind);
        TestResources.require(executable != null, "the Milvus " + kind.id()
                + " executable (set " + kind.executableEnv + ", or run scripts/milvus.sh install)");
        return start(kind, executable);
    }

    private static MilvusServer start(Kind kind, Path executable) {
        Path dataDir;
        int port;
        try {
            dataDir = Files.createTempDirectory("milvus-" + kind.id() + "-");
            port = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Milvus data folder", e);
        }
        MilvusServer server = new MilvusServer(kind, "127.0.0.1", port, null, dataDir);
        server.executable = executable;
        server.launch();
        return server;
    }

    /** Starts the server process on this fixture's port and data folder and waits until it answers. */
    private void launch() {
        try {
            process = new ProcessBuilder(kind.command(executable, dataDir, port)).redirectErrorStream(true).start();
        } catch (IOException e) {
            TestResources.require(false, "Milvus (" + executable + " failed to start: " + e.getMessage() + ")");
            throw new IllegalStateException("unreachable");
        }
        int from = log.length();
        pumpLog();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline && process.isAlive()) {
            if (log.indexOf(kind.readyLine, from) >= 0 && answers("127.0.0.1", port)) {
                return;
            }
            sleep(100);
        }
        String output = log.toString();
        close();
        TestResources.require(false, "Milvus " + kind.id() + " on port " + port + " (did not answer within "
                + START_TIMEOUT_MS / 1000 + " s; its output:\n" + output + ")");
    }

    /** Stops the server process, keeping its data, as an outage would (only for a server this fixture started). */
    public void stopServer() {
        requireStarted();
        stopProcess();
    }

    /** Starts the stopped server again on the same port and data, and waits until it answers. */
    public void restartServer() {
        requireStarted();
        launch();
    }

    private void requireStarted() {
        if (executable == null) {
            throw new UnsupportedOperationException("the Milvus at " + uri() + " comes from " + URI_ENV
                    + " and cannot be stopped by a test");
        }
    }

    private void stopProcess() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpLog() {
        Process running = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(running.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (log.length() < 200_000) {
                        log.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "milvus-log");
        t.setDaemon(true);
        t.start();
    }

    /** The kind's environment variable, else its .cache path in this folder or the nearest parent holding it. */
    static Path executable(Kind kind) {
        String env = System.getenv(kind.executableEnv);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? p : null;
        }
        String root = System.getenv("FACEFLOW_REPO_ROOT");
        for (Path dir = Path.of(root != null ? root : System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            Path candidate = dir.resolve(kind.defaultExecutable);
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
            throw new IllegalStateException("interrupted while waiting for Milvus", e);
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

    public Kind kind() {
        return kind;
    }

    /** True when this fixture started the server (false when it uses MILVUS_URI). */
    public boolean started() {
        return executable != null;
    }

    /** The server's output so far (for failure messages). */
    public String log() {
        return log.toString();
    }

    @Override
    public void close() {
        if (dataDir == null) {
            return;
        }
        stopProcess();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
