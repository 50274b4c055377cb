package io.faceflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.contract.message.MatchAlert;
import io.faceflow.contract.message.Messages;
import io.faceflow.testkit.JsonSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The alert a downstream developer copies from the README is one the schema and the code accept. */
class ReadmeAlertExampleTest {
    private static final String MARKER = "<!-- alert-example -->";

    @Test
    void theReadmesAlertExampleMatchesTheSchemaAndParses() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int marker = readme.indexOf(MARKER);
        assertTrue(marker >= 0, "the README marks its alert example with " + MARKER);
        int start = readme.indexOf("```json", marker) + "```json".length();
        int end = readme.indexOf("```", start);
        byte[] json = readme.substring(start, end).strip().getBytes(StandardCharsets.UTF_8);
        JsonSchemas.assertValid("/schemas/match-alert.schema.json", json);
        MatchAlert alert = Messages.fromJson(json, MatchAlert.class);
        assertEquals(MatchAlert.SCHEMA_VERSION, alert.schemaVersion());
        assertEquals("sheldon", alert.identityId());
    }
}
