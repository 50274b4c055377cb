package io.faceflow.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap} servers and {@code --kafka-config FILE}, a Kafka client properties file (security.protocol, sasl.*, ssl.*,
 * as Kafka's own tools take with --command-config) applied to every Kafka client a command makes.
 * Passwords stay in that file, or in files it points at through Kafka's config providers, so they
 * are never on a command line; Kafka's clients print password settings as [hidden].
 */
public final class KafkaClientOptions {
    private static final long ACCESS_CHECK_SECONDS = 15;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
            description = "Kafka client properties (TLS, SASL/SCRAM; see the README's Security section).")
    Path file;

    /** The --bootstrap servers; null when not given. */
    public String bootstrap() {
        return bootstrap;
    }

    /** The --bootstrap servers of a command that cannot work without Kafka. */
    public String requiredBootstrap(CommandSpec spec) {
        return RequiredOption.of(bootstrap, spec, "--bootstrap=HOST:PORT");
    }

    /** The file's settings as strings; empty without --kafka-config. */
    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        Properties p = load();
        for (String key : p.stringPropertyNames()) {
            out.put(key, p.getProperty(key));
        }
        return out;
    }

    /** Client properties for the --bootstrap servers. */
    public Properties client() {
        return forBootstrap(bootstrap);
    }

    /** Client properties for {@code bootstrap}: the file's settings with these bootstrap servers. */
    public Properties forBootstrap(String bootstrap) {
        Properties p = load();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /**
     * With a --kafka-config file, logs in to the broker once before the command's real work, so a
     * wrong password or trust store ends the command at once with what to fix, instead of clients
     * that retry in the background. A broker that does not answer is left to the command's own
     * handling (ingest, for one, waits for it).
     *
     * @param client the client properties the command will use, bootstrap servers included
     * @throws IllegalStateException when the broker refuses the credentials or the TLS handshake
     */
    public void checkAccess(Properties client) {
        if (file == null) {
            return;
        }
        Properties p = (Properties) client.clone();
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ACCESS_CHECK_SECONDS));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(ACCESS_CHECK_SECONDS));
        String broker = p.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(ACCESS_CHECK_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException auth) {
                throw new IllegalStateException(refused(broker, auth), auth);
            }
        } catch (TimeoutException e) {
            // Unreachable now; the command's clients keep trying and report it their own way.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while logging in to Kafka at " + broker, e);
        }
    }

    private String refused(String broker, AuthenticationException e) {
        if (e instanceof SslAuthenticationException) {
            return "the TLS handshake with Kafka at " + broker + " failed (" + e.getMessage() + "): check the"
                    + " ssl.truststore.* settings in --kafka-config " + file + " against the broker's certificate";
        }
        return "Kafka at " + broker + " refused to authenticate this client (" + e.getMessage() + "): check the user"
                + " name and password in sasl.jaas.config, and sasl.mechanism, in --kafka-config " + file;
    }

    private Properties load() {
        Properties p = new Properties();
        if (file == null) {
            return p;
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("--kafka-config " + file + " is not a readable file: give a Kafka client"
                    + " properties file (security.protocol=SASL_SSL, sasl.mechanism, sasl.jaas.config, ssl.truststore.*)");
        }
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-config " + file + " could not be read as a properties file: "
                    + e.getMessage(), e);
        }
        return p;
    }
}
