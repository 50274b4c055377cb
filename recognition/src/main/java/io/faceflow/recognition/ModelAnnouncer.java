package io.faceflow.recognition;

import io.faceflow.contract.topic.Topics;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Tells the running services that the live model changed, after a gallery has been re-embedded and
 * switched. The Kafka implementation announces with {@code ModelTopicWriter} on
 * {@link Topics#MODELS}; without a broker to announce on, {@link #notWired} says so in the
 * log, so nobody assumes the stream picked it up.
 */
@FunctionalInterface
public interface ModelAnnouncer {
    void announce(String previousVersion, String newVersion, Path bundle);

    static ModelAnnouncer notWired(Consumer<String> log) {
        return (previous, next, bundle) -> log.accept("model " + next + " is live in the gallery but was not"
                + " announced on " + Topics.MODELS + " (no --bootstrap given): running stream processors keep "
                + previous + " until they are restarted with --model " + bundle);
    }
}
