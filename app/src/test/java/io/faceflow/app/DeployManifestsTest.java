package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.faceflow.testkit.DeployValidators;
import io.faceflow.testkit.DeployValidators.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * compose.yaml and every Kustomize overlay under k8s/, checked offline against the official schemas
 * (the compose specification; Kubernetes; the Strimzi and KEDA CRDs), and shown to fail on a
 * misspelt field.
 */
class DeployManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) resources found.* Valid: (\\d+), Invalid: (\\d+), Errors: (\\d+), Skipped: (\\d+)");
    private static DeployValidators validators;

    @BeforeAll
    static void tools() {
        validators = DeployValidators.locate();
    }

    @Test
    void everyOverlayRendersToValidManifests() throws Exception {
        List<Path> targets = new ArrayList<>(List.of(validators.repo().resolve("k8s/base")));
        try (var overlays = Files.list(validators.repo().resolve("k8s/overlays"))) {
            targets.addAll(overlays.filter(Files::isDirectory).sorted().toList());
        }
        assertTrue(targets.size() >= 3, "the base and at least two overlays: " + targets);
        for (Path target : targets) {
            String manifests = render(target);
            Outcome check = validators.kubeconform(manifests);
            Matcher m = SUMMARY.matcher(check.output());
            assertTrue(m.find(), check.toString());
            assertEquals(0, check.exitCode(), target + ": " + check);
            assertTrue(Integer.parseInt(m.group(1)) >= 20, target + " renders the whole system: " + check.output());
            assertEquals(m.group(1), m.group(2), target + ": every resource checked and valid: " + check.output());
            for (String kind : List.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "ScaledObject",
                    "TriggerAuthentication", "Deployment", "CronJob", "PodDisruptionBudget", "NetworkPolicy")) {
                assertTrue(manifests.contains("\nkind: " + kind + "\n"), target + " has a " + kind);
            }
        }
    }

    @Test
    void aMisspeltFieldFailsForKubernetesStrimziAndKedaKinds() {
        String manifests = render(validators.repo().resolve("k8s/overlays/production"));
        String broken = misspell(misspell(misspell(manifests,
                "containerPort: 9400", "containerPorts: 9400"),
                "spec:\n  replicas: 3\n  resources:", "spec:\n  replica: 3\n  resources:"),
                "maxReplicaCount: 24", "maxReplicas: 24");

        Outcome check = validators.kubeconform(broken);

        assertNotEquals(0, check.exitCode(), check.output());
        assertTrue(check.output().contains("Deployment faceflow-streams is invalid")
                && check.output().contains("'containerPorts' not allowed"), check.output());
        assertTrue(check.output().contains("KafkaNodePool combined is invalid")
                && check.output().contains("'replica' not allowed"), check.output());
        assertTrue(check.output().contains("ScaledObject faceflow-streams is invalid")
                && check.output().contains("'maxReplicas' not allowed"), check.output());
        Matcher m = SUMMARY.matcher(check.output());
        assertTrue(m.find() && m.group(3).equals("3"), check.output());
    }

    @Test
    void composeFileFollowsTheComposeSpecification() throws Exception {
        String text = Files.readString(validators.repo().resolve("compose.yaml"));
        JsonNode compose = YAML.readTree(text);

        assertEquals(Set.of(), validators.composeViolations(text));
        for (String service : List.of("kafka", "topic-init", "etcd", "minio", "milvus", "streams", "ingest")) {
            assertTrue(compose.path("services").has(service), "compose.yaml runs " + service);
        }
    }

    @Test
    void aMisspeltComposeFieldFails() throws Exception {
        String text = Files.readString(validators.repo().resolve("compose.yaml"));
        String broken = misspell(text, "\n    healthcheck:", "\n    healthckeck:");

        Set<String> violations = validators.composeViolations(broken);

        assertTrue(violations.stream().anyMatch(v -> v.contains("healthckeck")), violations.toString());
    }

    /** {@code text} with the first {@code field} replaced, which must be there. */
    private static String misspell(String text, String field, String misspelt) {
        int at = text.indexOf(field);
        assertTrue(at >= 0, "the manifests hold " + field);
        return text.substring(0, at) + misspelt + text.substring(at + field.length());
    }

    private static String render(Path target) {
        Outcome built = validators.kustomizeBuild(target);
        assertEquals(0, built.exitCode(), "kustomize build " + target + ": " + built);
        return built.output();
    }
}
