package io.faceflow.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Checks JSON documents against a schema file on the classpath (draft 2020-12). */
public final class JsonSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSchemas() {}

    /** Throws AssertionError listing every violation of {@code schemaResource} by {@code json}. */
    public static void assertValid(String schemaResource, byte[] json) {
        try (InputStream schema = JsonSchemas.class.getResourceAsStream(schemaResource)) {
            if (schema == null) {
                throw new AssertionError("schema " + schemaResource + " is not on the classpath");
            }
            JsonSchema s = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
            Set<ValidationMessage> errors = s.validate(JSON.readTree(json));
            if (!errors.isEmpty()) {
                throw new AssertionError(errors + " in " + new String(json, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
