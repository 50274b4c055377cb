package io.faceflow.streams.app;

import io.faceflow.contract.models.ModelAnnouncement;
import io.faceflow.contract.models.ModelTopicReader;
import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.contract.topic.Topics;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.ModelGeneration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code faceflow.models} from its beginning (it is compacted: one record per key) and
 * switches the {@link LiveModel} when the live version changes. Each stream instance reads the
 * whole topic itself, without a consumer group, so every instance switches, not one of them; the
 * web console follows the same way.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final LiveModel live;
    private final Function<Path, ModelGeneration> loader;
    private final ModelTopicReader topic = new ModelTopicReader();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts following; {@code loader} makes a generation from an announced bundle (its
     * {@code onRetire} is closed when the generation is refused or replaced).
     */
    public ModelWatcher(Properties kafka, LiveModel live, Function<Path, ModelGeneration> loader) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "faceflow-model-watcher-" + UUID.randomUUID());
        this.live = live;
        this.loader = loader;
        ModelTopicWriter.ensureTopic(kafka);
        this.consumer = ModelTopicReader.fromStart(p, Duration.ofMinutes(1));
        this.thread = Thread.ofPlatform().daemon().name("faceflow-model-watcher").start(this::run);
    }

    private void run() {
        try {
            while (!closed) {
                // Only the last live announcement of a poll counts: at start the topic's history arrives at
                // once (compaction is lazy), and loading every model it ever named would only delay the last.
                ModelAnnouncement latestLive = null;
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        ModelAnnouncement a = topic.accept(r.key(), r.value());
                        latestLive = a != null ? a : latestLive;
                    } catch (RuntimeException e) {
                        LOG.warn("ignoring unreadable record at {} offset {}: {}", Topics.MODELS, r.offset(),
                                e.getMessage());
                    }
                }
                if (latestLive != null) {
                    switchTo(latestLive);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("model watcher stopped: {}; model announcements are no longer followed", e.toString());
        } finally {
            consumer.close();
        }
    }

    private void switchTo(ModelAnnouncement a) {
        if (a.modelVersion().equals(live.version())) {
            return;
        }
        String where = topic.bundleOf(a);
        if (where == null) {
            LOG.error("model {} was announced live but no bundle location is known for it; staying on {}",
                    a.modelVersion(), live.version());
            return;
        }
        Path bundle = Path.of(where);
        try {
            ModelGeneration next = loader.apply(bundle);
            if (!next.version().equals(a.modelVersion())) {
                LOG.error("bundle {} holds model {}, not the announced {}; staying on {}", bundle, next.version(),
                        a.modelVersion(), live.version());
                next.onRetire().close();
                return;
            }
            live.switchTo(next);
        } catch (Exception e) {
            LOG.error("could not switch to announced model {} from {}: {}; staying on {}", a.modelVersion(), bundle,
                    e.getMessage(), live.version());
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
