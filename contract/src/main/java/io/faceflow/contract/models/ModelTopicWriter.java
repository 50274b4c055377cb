package io.faceflow.contract.models;

import io.faceflow.contract.message.Messages;
import io.faceflow.contract.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one writer of the {@code faceflow.models} protocol (see {@link ModelAnnouncement}): tells the
 * stream processors which model version the gallery serves, where the bundle lives, then that it is
 * live. Called after the gallery's live pointer has switched (reindex, rollback), so a stream never
 * switches to a model whose gallery is not ready.
 */
public final class ModelTopicWriter {
    private ModelTopicWriter() {}

    /** Announces {@code version} (its bundle at {@code bundle}, as the stream hosts see the path) as live. */
    public static void announceLive(Properties kafka, String version, Path bundle) {
        announce(kafka, version, bundle, true);
    }

    /**
     * Records where {@code version}'s bundle lives without making it live: a stream announces the
     * bundle it starts with, so a later rollback to that version knows where to load it from.
     */
    public static void announceBundle(Properties kafka, String version, Path bundle) {
        announce(kafka, version, bundle, false);
    }

    private static void announce(Properties kafka, String version, Path bundle, boolean makeLive) {
        ensureTopic(kafka);
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        long now = System.currentTimeMillis();
        String where = bundle == null ? null : bundle.toAbsolutePath().toString();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            if (where != null) {
                producer.send(new ProducerRecord<>(Topics.MODELS, ModelAnnouncement.BUNDLE_KEY_PREFIX + version,
                        Messages.toJson(new ModelAnnouncement(version, where, now)))).get(30, TimeUnit.SECONDS);
            }
            if (makeLive) {
                producer.send(new ProducerRecord<>(Topics.MODELS, ModelAnnouncement.LIVE_KEY,
                        Messages.toJson(new ModelAnnouncement(version, where, now)))).get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("announcing model " + version + " on "
                    + Topics.MODELS + " at " + kafka.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) + " failed (" + e
                    + "): stream processors keep their model until it is announced; run the command again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while announcing model " + version, e);
        }
    }

    /** Creates the compacted topic unless it exists. */
    public static void ensureTopic(Properties kafka) {
        try (Admin admin = Admin.create(kafka)) {
            admin.createTopics(List.of(new NewTopic(Topics.MODELS, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + Topics.MODELS + ": " + e.getCause().getMessage(), e);
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the Kafka broker at " + kafka.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " did not answer: is it running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
