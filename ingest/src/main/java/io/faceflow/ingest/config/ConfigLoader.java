package io.faceflow.ingest.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads an {@link IngestConfig} from a YAML or JSON file (JSON by the .json extension). */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static IngestConfig load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try {
            IngestConfig config = mapper.readValue(Files.readAllBytes(file), IngestConfig.class);
            if (config == null) {
                throw new IllegalArgumentException("config file " + file + " is empty");
            }
            return config;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("config file " + file + " does not exist");
        } catch (JsonMappingException e) {
            // Validation errors from the records' constructors arrive wrapped: show the reason itself.
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            String reason = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("config file " + file + ": " + reason + location(e), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config file " + file + " is not valid YAML/JSON: " + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
