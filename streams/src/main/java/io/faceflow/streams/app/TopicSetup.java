package io.faceflow.streams.app;

import io.faceflow.contract.topic.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the stream reads and writes when they are missing, and checks the frames
 * topic when it exists: its partitions bound how many stream threads can work, and its
 * max.message.bytes must let the largest frame through.
 *
 * <p>The frames topic takes {@link #HEADROOM} more than max.frame.bytes, and the dead-letter topic
 * twice that, so a frame a little over the limit reaches the stream and lands in the dead letters
 * with its reason, instead of being refused to its producer alone.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);
    private static final long TIMEOUT_S = 30;
    /** Bytes beyond max.frame.bytes for record headers and batch framing (and, on the DLQ, the reason). */
    public static final int HEADROOM = 64 * 1024;

    private TopicSetup() {}

    public static void ensure(Admin admin, StreamsSettings s) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            String frames = s.topology().framesTopic();
            for (String topic : outputs(s)) {
                if (!existing.contains(topic)) {
                    missing.add(topic.equals(Topics.FRAMES_DLQ) ? sized(newTopic(topic, s), dlqMessageBytes(s))
                            : newTopic(topic, s));
                }
            }
            String unknowns = s.topology().unknownTopic();
            if (unknowns != null && !existing.contains(unknowns)) {
                // One partition: the clusterer's group gives it to one member at a time, so candidates have a
                // single writer and see unknown tracks in the order they ended. A track a second is plenty for one.
                missing.add(new NewTopic(unknowns, 1, s.replication()));
            }
            if (!existing.contains(frames)) {
                missing.add(sized(newTopic(frames, s), s.maxFrameBytes() + HEADROOM));
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                    LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            checkFrames(admin, frames, s);
            if (s.unknowns() != null && existing.contains(unknowns)) {
                checkSinglePartition(admin, unknowns); // one made above has one partition
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not check or create the topics at " + s.bootstrap() + ": "
                    + e.getCause().getMessage() + " (is the broker up, and may this client create topics?)", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the Kafka broker at " + s.bootstrap() + " did not answer within "
                    + TIMEOUT_S + " s: check --bootstrap and that the broker is running", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up topics", e);
        }
    }

    /** The processor's output topics, besides the unknown topic (one partition, made above). */
    private static Collection<String> outputs(StreamsSettings s) {
        List<String> topics = new ArrayList<>(List.of(Topics.SIGHTINGS, Topics.MATCHES, Topics.FRAMES_DLQ));
        topics.addAll(s.topology().watchlists().allTopics());
        return topics;
    }

    private static NewTopic newTopic(String name, StreamsSettings s) {
        return new NewTopic(name, s.partitions(), s.replication());
    }

    private static NewTopic sized(NewTopic topic, int maxMessageBytes) {
        return topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes)));
    }

    /** A dead letter is the frame (up to the frames topic's limit) plus its reason headers. */
    public static int dlqMessageBytes(StreamsSettings s) {
        return s.maxFrameBytes() + 2 * HEADROOM;
    }

    /** The clusterer is one writer only when the topic has one partition: more would split it among members. */
    private static void checkSinglePartition(Admin admin, String topic) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        int partitions = onceKnown(() -> admin.describeTopics(List.of(topic)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).get(topic).partitions().size();
        if (partitions != 1) {
            throw new IllegalArgumentException(topic + " has " + partitions + " partitions but unknowns=true needs"
                    + " exactly one (one clusterer writes the candidates, in order): recreate it with one partition,"
                    + " or set unknown.topic to a new topic name");
        }
    }

    private static void checkFrames(Admin admin, String frames, StreamsSettings s) throws ExecutionException,
            InterruptedException, java.util.concurrent.TimeoutException {
        TopicDescription d = onceKnown(() -> admin.describeTopics(List.of(frames)).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS)).get(frames);
        int partitions = d.partitions().size();
        if (partitions < s.threads()) {
            LOG.warn("{} has {} partition(s) but {} stream threads are configured: only {} will get work; add"
                    + " partitions to scale out", frames, partitions, s.threads(), partitions);
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, frames);
        Config config = onceKnown(() -> admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_S, TimeUnit.SECONDS))
                .get(resource);
        var entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
        if (entry != null && Integer.parseInt(entry.value()) < s.maxFrameBytes()) {
            throw new IllegalArgumentException(frames + " accepts messages of at most " + entry.value() + " bytes but"
                    + " frames may be " + s.maxFrameBytes() + " bytes (max.frame.bytes): raise the topic's "
                    + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + " (kafka-configs --alter --add-config "
                    + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "=" + s.maxFrameBytes() + ") or lower max.frame.bytes");
        }
        LOG.info("{}: {} partition(s), max.message.bytes {}", frames, partitions, entry == null ? "?" : entry.value());
    }

    private interface AdminCall<T> {
        T call() throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException;
    }

    /**
     * A topic created a moment ago can still be unknown to the broker that answers a describe (its
     * metadata has not caught up): ask again for up to {@value #TIMEOUT_S} s before calling it an error.
     */
    private static <T> T onceKnown(AdminCall<T> call) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                return call.call();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
