package io.faceflow.recognition;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Tells the running services that the live model changed, after a gallery has been re-embedded and
 * switched. The Kafka implementation (topic {@code faceflow.models}) belongs to the stream processor;
 * until it is wired, {@link #notWired} says so in the log, so nobody assumes the stream picked it up.
 */
@FunctionalInterface
public interface ModelAnnouncer {
    /** The topic the stream processor's announcer publishes to. */
    String TOPIC = "faceflow.models";

    void announce(String previousVersion, String newVersion, Path bundle);

    static ModelAnnouncer notWired(Consumer<String> log) {
        return (previous, next, bundle) -> log.accept("model " + next + " is live in the gallery; announcing it on "
                + TOPIC + " is not wired yet (the stream processor's issue): restart the stream with --model "
                + bundle);
    }
}
