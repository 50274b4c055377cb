package io.faceflow.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The offline validators of the deployment files, as {@code scripts/deploy-tools.sh install} puts
 * them in {@code .cache/deploy-tools} (or {@code FACEFLOW_DEPLOY_TOOLS}): kustomize, kubeconform
 * with Kubernetes' schemas, the Strimzi and KEDA schemas kept in k8s/schemas, and the compose
 * specification's schema. Missing tools skip a test on a developer machine and fail it under CI.
 */
public final class DeployValidators {
    public static final String TOOLS_ENV = "FACEFLOW_DEPLOY_TOOLS";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path repo;
    private final Path tools;
    private final Path kubernetesSchemas;

    /** How a tool ended and what it printed on stdout and stderr. */
    public record Outcome(int exitCode, String output, String errors) {
        /** Both streams, for failure messages. */
        @Override
        public String toString() {
            return "exit " + exitCode + ": " + output + errors;
        }
    }

    private DeployValidators(Path repo, Path tools, Path kubernetesSchemas) {
        this.repo = repo;
        this.tools = tools;
        this.kubernetesSchemas = kubernetesSchemas;
    }

    /** The validators for the repository holding the working folder. */
    public static DeployValidators locate() {
        Path repo = repoRoot();
        String env = System.getenv(TOOLS_ENV);
        Path tools = env != null && !env.isBlank() ? Path.of(env) : repo.resolve(".cache/deploy-tools");
        boolean present = Files.isExecutable(tools.resolve("bin/kustomize"))
                && Files.isExecutable(tools.resolve("bin/kubeconform"))
                && Files.isRegularFile(tools.resolve("schemas/compose-spec.json"));
        TestResources.require(present, "the deployment validators in " + tools + " (run scripts/deploy-tools.sh install)");
        try (var dirs = Files.list(tools.resolve("schemas/kubernetes"))) {
            List<Path> versions = dirs.filter(d -> d.getFileName().toString().endsWith("-standalone-strict")).toList();
            TestResources.require(versions.size() == 1, "one Kubernetes schema version in " + tools.resolve("schemas/kubernetes"));
            return new DeployValidators(repo, tools, versions.get(0));
        } catch (IOException e) {
            TestResources.require(false, "the Kubernetes schemas in " + tools + " (" + e + ")");
            throw new UncheckedIOException(e);
        }
    }

    public Path repo() {
        return repo;
    }

    /** {@code kustomize build DIR}: the manifests as the cluster would get them. */
    public Outcome kustomizeBuild(Path dir) {
        return run(null, tools.resolve("bin/kustomize").toString(), "build", dir.toString());
    }

    /**
     * kubeconform in strict mode (unknown fields are errors; a kind without a schema is an error, not
     * a skip) against Kubernetes' schemas and the CRD schemas of k8s/schemas.
     */
    public Outcome kubeconform(String manifests) {
        String version = kubernetesSchemas.getFileName().toString().replace("-standalone-strict", "").substring(1);
        return run(manifests, tools.resolve("bin/kubeconform").toString(), "-strict", "-summary",
                "-kubernetes-version", version,
                "-schema-location", kubernetesSchemas.getParent()
                        + "/{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json",
                "-schema-location", repo.resolve("k8s/schemas") + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json",
                "-");
    }

    /** Every violation of the compose specification by the compose file {@code yaml}. */
    public Set<String> composeViolations(String yaml) {
        JsonNode compose;
        try {
            compose = mergeKeys(YAML.readTree(yaml));
        } catch (IOException e) {
            return Set.of("not YAML: " + e.getMessage());
        }
        try {
            ObjectNode schema = (ObjectNode) JSON.readTree(tools.resolve("schemas/compose-spec.json").toFile());
            // The schema names its draft by an https URL the validator does not know as built in, and
            // itself by a bare file name it refuses as an id; its references are all internal (#/...).
            // The draft is 7, given below, so nothing is looked up on the network.
            schema.remove("$schema");
            schema.remove("$id");
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
            Set<String> out = new TreeSet<>();
            for (ValidationMessage m : s.validate(compose)) {
                out.add(m.getMessage());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * YAML merge keys ({@code <<: *anchor}) resolved as Compose resolves them: the anchored map's
     * entries join the map, its own entries win. The YAML reader keeps {@code <<} as a plain key.
     */
    private static JsonNode mergeKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode merged = object.remove("<<");
            object.properties().forEach(e -> e.setValue(mergeKeys(e.getValue())));
            if (merged != null) {
                for (JsonNode source : merged.isArray() ? merged : List.of(merged)) {
                    mergeKeys(source).properties().forEach(e -> {
                        if (!object.has(e.getKey())) {
                            object.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(DeployValidators::mergeKeys);
        }
        return node;
    }

    private static Outcome run(String stdin, String... command) {
        try {
            Path out = Files.createTempFile("deploy-validator", ".out");
            Path err = Files.createTempFile("deploy-validator", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
                }
                return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command[0], e);
        }
    }

    /** The folder holding compose.yaml and k8s/, from the working folder up. */
    private static Path repoRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("compose.yaml")) && Files.isDirectory(dir.resolve("k8s"))) {
                return dir;
            }
        }
        throw new AssertionError("no folder above " + System.getProperty("user.dir") + " holds compose.yaml and k8s/");
    }
}
