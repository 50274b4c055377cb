package io.faceflow.streams.app;

import io.faceflow.contract.models.ModelTopicWriter;
import io.faceflow.core.detect.DetectorConfig;
import io.faceflow.core.detect.YuNetDetector;
import io.faceflow.core.lifecycle.UseGate;
import io.faceflow.core.pipeline.FaceSelection;
import io.faceflow.core.pipeline.PipelineOptions;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.GalleryCatalogs;
import io.faceflow.index.IndexUri;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.milvus.MilvusOptions;
import io.faceflow.ops.MetricsServer;
import io.faceflow.recognition.Identifier;
import io.faceflow.recognition.LiveModel;
import io.faceflow.recognition.ModelGeneration;
import io.faceflow.streams.topology.IdentificationTopology;
import io.faceflow.streams.sightings.SightingSink;
import io.faceflow.streams.sightings.SightingWriter;
import io.faceflow.streams.topology.IndexUnavailableException;
import io.faceflow.streams.unknowns.CandidateSink;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream processor as a running service: topics checked, the served model loaded, the
 * topology started, model announcements followed, metrics and health served. {@link #close()}
 * stops it cleanly (what SIGTERM does): Kafka Streams commits and its threads end, then the model,
 * the detector and the index are released, each only once nothing uses it any more.
 */
public final class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

    private final StreamsSettings settings;
    private final GalleryCatalog catalog;
    private final YuNetDetector detector;
    private final LiveModel live;
    private final KafkaStreams streams;
    private final ModelWatcher watcher;
    private final MetricsServer metricsServer;
    private final KafkaStreamsMetrics kafkaMetrics;
    private final SightingRetention retention;
    private final SightingSink sightingSink;
    private final CandidateSink candidateSink;
    private final IndexProbe indexProbe;
    private final boolean ownsCatalog;
    private final PrometheusMeterRegistry registry;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Kafka Streams' own bound for committing and leaving the group on close. */
    static final Duration STREAMS_CLOSE_BOUND = Duration.ofSeconds(30);
    /** How long a stream thread that gave up on the index waits before its replacement retries. */
    private static final Duration INDEX_RETRY_PAUSE = Duration.ofSeconds(2);
    private static final Duration INDEX_PROBE_EVERY = Duration.ofSeconds(2);
    /** The longest one index call may take before it counts as failed (searches take milliseconds). */
    private static final Duration INDEX_CALL_DEADLINE = Duration.ofSeconds(2);

    private StreamsApp(StreamsSettings settings, GalleryCatalog catalog, boolean ownsCatalog, YuNetDetector detector,
            LiveModel live, KafkaStreams streams, ModelWatcher watcher, MetricsServer metricsServer,
            KafkaStreamsMetrics kafkaMetrics, SightingRetention retention, SightingSink sightingSink,
            CandidateSink candidateSink, IndexProbe indexProbe, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.catalog = catalog;
        this.ownsCatalog = ownsCatalog;
        this.detector = detector;
        this.live = live;
        this.streams = streams;
        this.watcher = watcher;
        this.metricsServer = metricsServer;
        this.kafkaMetrics = kafkaMetrics;
        this.retention = retention;
        this.sightingSink = sightingSink;
        this.candidateSink = candidateSink;
        this.indexProbe = indexProbe;
    }

    /** Checks everything, then starts processing; fails with the reason before reading a frame. */
    public static StreamsApp start(StreamsSettings s) {
        // Each Milvus call fails within the frame's index wait, which retries: an outage shows in seconds.
        MilvusOptions milvus = MilvusOptions.defaults().withCallBudget(1, INDEX_CALL_DEADLINE);
        return start(s, GalleryCatalogs.open(IndexUri.parse(s.indexUri()), EmbeddedOptions.defaults(), milvus), true);
    }

    /**
     * Starts on a catalog the caller opened and keeps (closed by the caller, not by {@link #close()}):
     * for services in the same process as the console, since an embedded index admits one writer.
     */
    public static StreamsApp start(StreamsSettings s, GalleryCatalog shared) {
        return start(s, shared, false);
    }

    private static StreamsApp start(StreamsSettings s, GalleryCatalog catalog, boolean ownsCatalog) {
        Properties kafka = clientProperties(s);
        try (Admin admin = Admin.create(kafka)) {
            TopicSetup.ensure(admin, s);
        } catch (RuntimeException e) {
            closeIfOwned(catalog, ownsCatalog);
            throw e;
        }
        YuNetDetector detector = null;
        LiveModel live = null;
        SightingSink sightingSink = null;
        CandidateSink candidateSink = null;
        try {
            detector = new YuNetDetector(DetectorConfig.forModels(s.modelsDir()));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            StreamsMetrics metrics = new StreamsMetrics(registry);
            GenerationLoader loader = new GenerationLoader(s, catalog, metrics);
            ModelGeneration first = loader.load(s.bundle());
            String liveVersion = catalog.liveModelVersion().orElse(null);
            if (!first.version().equals(liveVersion)) {
                new LiveModel(first).close();
                throw new IllegalArgumentException("the gallery in " + catalog.describe() + " serves model "
                        + liveVersion + " but --model " + s.bundle() + " is " + first.version() + ": start with the"
                        + " live model's bundle, or switch the gallery first (`faceflow gallery reindex --model`)");
            }
            live = new LiveModel(first);
            ModelTopicWriter.announceBundle(kafka, first.version(), s.bundle());
            Identifier identifier = new Identifier(detector, new PipelineOptions(FaceSelection.ALL, s.quality(),
                    s.detectMaxSide()), live, s.topology().candidates(), s.topology().overrides());
            Topology topology = IdentificationTopology.build(s.topology(), identifier, metrics, Clock.systemUTC());
            KafkaStreams streams = new KafkaStreams(topology, streamsProperties(s, kafka));
            KafkaStreamsMetrics kafkaMetrics = new KafkaStreamsMetrics(streams);
            kafkaMetrics.bindTo(registry);
            LiveModel current = live;
            ModelWatcher watcher = new ModelWatcher(kafka, current, loader::load);
            // Ready means frames are being decided: Kafka Streams running and the gallery index answering.
            MetricsServer server = s.metricsPort() >= 0 ? new MetricsServer(registry, s.metricsPort(),
                    () -> streams.state() == KafkaStreams.State.RUNNING && metrics.indexUp()) : null;
            SightingRetention retention = s.sightings().retention().isZero() ? null
                    : new SightingRetention(catalog, current, s.sightings().retention(), Duration.ofHours(1),
                            Clock.systemUTC());
            sightingSink = new SightingSink(kafka, new SightingWriter(catalog, s.sightings().retention(),
                    Clock.systemUTC()), s.sightings(), registry, Clock.systemUTC());
            candidateSink = s.unknowns() == null ? null : new CandidateSink(kafka, s.topology().unknownTopic(), catalog,
                    s.unknowns(), registry, Clock.systemUTC());
            StreamsApp app = new StreamsApp(s, catalog, ownsCatalog, detector, current, streams, watcher, server,
                    kafkaMetrics, retention, sightingSink, candidateSink,
                    new IndexProbe(current, metrics, INDEX_PROBE_EVERY), registry);
            streams.setStateListener((now, before) -> {
                LOG.info("stream processor {} -> {}", before, now);
                if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                    app.stopped.countDown();
                }
            });
            streams.setUncaughtExceptionHandler(StreamsApp::replaceThread);
            streams.start();
            LOG.info("faceflow streams started: {} -> matches, sightings, dlq; {} thread(s), {}, metrics on {}",
                    s.topology().framesTopic(), s.threads(), s.processingGuarantee(),
                    server == null ? "off" : ":" + server.port() + "/metrics");
            return app;
        } catch (RuntimeException e) {
            if (candidateSink != null) {
                candidateSink.close();
            }
            if (sightingSink != null) {
                sightingSink.close();
            }
            if (live != null) {
                live.close();
            }
            if (detector != null) {
                detector.close();
            }
            closeIfOwned(catalog, ownsCatalog);
            throw e;
        }
    }

    /**
     * A failed stream thread is replaced and its frame retried from the last commit. When the index
     * is what failed, the replacement waits a little first: the outage is a series of bounded
     * waits, each a retry, not a loop of thread restarts.
     */
    private static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse replaceThread(Throwable e) {
        IndexUnavailableException index = indexCause(e);
        if (index != null) {
            LOG.warn("stream thread gives up waiting for the index: {}; it is replaced in {} s and the frame"
                    + " retried", index.getMessage(), INDEX_RETRY_PAUSE.toSeconds());
            try {
                Thread.sleep(INDEX_RETRY_PAUSE);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } else {
            LOG.error("stream thread failed: {}; it is replaced and the frame retried", e.toString(), e);
        }
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private static IndexUnavailableException indexCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IndexUnavailableException index) {
                return index;
            }
        }
        return null;
    }

    private static void closeIfOwned(GalleryCatalog catalog, boolean owned) {
        if (owned) {
            catalog.close();
        }
    }

    /** The properties every Kafka client of the processor starts from: the kafka.* settings and the bootstrap servers. */
    public static Properties clientProperties(StreamsSettings s) {
        Properties p = new Properties();
        p.putAll(s.kafka());
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, s.bootstrap());
        return p;
    }

    private static Properties streamsProperties(StreamsSettings s, Properties kafka) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, s.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, s.processingGuarantee());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, s.standbyReplicas());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) s.replication());
        p.put(StreamsConfig.STATE_DIR_CONFIG, s.stateDir().toString());
        // Frames are large: fetch a few at a time so a poll does not outlast max.poll.interval on a CPU.
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 16);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), s.maxFrameBytes());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), TopicSetup.dlqMessageBytes(s));
        p.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        return p;
    }

    public LiveModel live() {
        return live;
    }

    /** The processor's meters (frames, faces, alerts, dead letters, stage latencies), as served on /metrics. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Whether the processor stopped for good on an error (rather than being closed). */
    public boolean failed() {
        return streams.state() == KafkaStreams.State.ERROR;
    }

    public int metricsPort() {
        return metricsServer == null ? -1 : metricsServer.port();
    }

    /** Waits until the processor stops (closed, or failed for good); true when it stopped in time. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops in the order that keeps every native resource free of users when it is freed: the model
     * watcher (no switch starts), Kafka Streams (its threads end after their frame), the sighting
     * sink and the candidate sink (each stores what it read), then the live model (after its last
     * lease), the detector and the index. A step that overruns its bound is logged and counted ({@link UseGate#overruns()}), and what it guards is left unfreed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("stopping faceflow streams");
        if (retention != null) {
            retention.close();
        }
        indexProbe.close();
        watcher.close();
        // Leave the group: the frames' partitions move to the other instances (or to this one's next
        // start) at once, instead of stalling live cameras for a session timeout.
        boolean streamsDown = streams.close(CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(STREAMS_CLOSE_BOUND));
        if (!streamsDown) {
            UseGate.recordOverrun();
            LOG.error("Kafka Streams did not stop within {} s (a frame still being processed?); the models it may"
                    + " still use are left open", STREAMS_CLOSE_BOUND.toSeconds());
        }
        sightingSink.close();
        if (candidateSink != null) {
            candidateSink.close();
        }
        kafkaMetrics.close();
        if (metricsServer != null) {
            metricsServer.close();
        }
        live.close();
        detector.close();
        closeIfOwned(catalog, ownsCatalog);
        stopped.countDown();
    }
}
