package io.faceflow.streams.app;

import io.faceflow.core.embed.FaceEmbedder;
import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.IndexException;
import io.faceflow.recognition.DecisionThreshold;
import io.faceflow.recognition.ModelGeneration;
import io.faceflow.streams.batch.BatchPolicy;
import io.faceflow.streams.batch.BatchingEmbedder;
import io.faceflow.streams.batch.BatchingGallery;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a model bundle as a generation the stream can switch to: model, shared batcher, gallery, threshold. */
final class GenerationLoader {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationLoader.class);

    private final StreamsSettings settings;
    private final GalleryCatalog catalog;
    private final StreamsMetrics metrics;

    GenerationLoader(StreamsSettings settings, GalleryCatalog catalog, StreamsMetrics metrics) {
        this.settings = settings;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    ModelGeneration load(Path bundle) {
        RecognitionModel model = RecognitionModel.load(bundle,
                new ModelOptions(settings.device(), true).withInferenceThreads(settings.inferenceThreads()));
        try {
            DecisionThreshold threshold = DecisionThreshold.resolve(model.manifest(), settings.threshold());
            FaceIndex gallery = catalog.openExisting(model.version()).orElseThrow(() -> new IndexException(
                    "the gallery in " + catalog.describe() + " has no collection for model " + model.version()
                            + " (versions held: " + catalog.modelVersions() + "): enrol people with this model, or"
                            + " re-embed the gallery with `faceflow gallery reindex --model " + bundle + "`"));
            BatchPolicy batching = new BatchPolicy(settings.batchSize(), settings.maxBatchWait(), settings.threads());
            BatchingEmbedder embedder = new BatchingEmbedder(new FaceEmbedder(model, settings.batchSize()), batching,
                    metrics::batch);
            BatchingGallery batchedGallery = new BatchingGallery(gallery, settings.topology().candidates(), batching,
                    metrics::searchBatch);
            LOG.info("model {} on {} with {} (batch {}, wait {} ms, {} pass(es) at once, {}), threshold {} ({}), gallery"
                    + " of {} templates", model.version(), model.device(), model.engine(), settings.batchSize(),
                    settings.maxBatchWait().toMillis(), model.parallelPasses(),
                    model.manifest().embedding().label(), String.format(java.util.Locale.ROOT, "%.4f", threshold.value()),
                    threshold.source(), gallery.templateCount());
            return new ModelGeneration(embedder, batchedGallery, threshold, () -> {
                embedder.close();
                batchedGallery.close();
                model.close();
            });
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
