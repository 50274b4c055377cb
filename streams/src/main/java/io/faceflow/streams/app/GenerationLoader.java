package io.faceflow.streams.app;

import io.faceflow.core.embed.ModelOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.IndexException;
import io.faceflow.recognition.GenerationRecipe;
import io.faceflow.recognition.ModelGeneration;
import io.faceflow.streams.batch.BatchPolicy;
import io.faceflow.streams.batch.BatchedServing;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a model bundle as a generation the stream can switch to: served in shared batches, on the stream's device. */
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
        GenerationRecipe recipe = new GenerationRecipe(settings.threshold(),
                version -> catalog.openExisting(version).orElseThrow(() -> new IndexException(
                        "the gallery in " + catalog.describe() + " has no collection for model " + version
                                + " (versions held: " + catalog.modelVersions() + "): enrol people with this model,"
                                + " or re-embed the gallery with `faceflow gallery reindex --model " + bundle + "`")),
                new BatchedServing(settings.batchSize(), settings.topology().candidates(),
                        new BatchPolicy(settings.batchSize(), settings.maxBatchWait(), settings.threads()),
                        metrics::batch, metrics::searchBatch));
        RecognitionModel model = RecognitionModel.load(bundle,
                new ModelOptions(settings.device(), true).withInferenceThreads(settings.inferenceThreads()));
        ModelGeneration generation = recipe.owning(model);
        LOG.info("model {} on {} with {} (batch {}, wait {} ms, {} pass(es) at once, {}), threshold {} ({}), gallery"
                + " of {} templates", model.version(), model.device(), model.engine(), settings.batchSize(),
                settings.maxBatchWait().toMillis(), model.parallelPasses(), model.manifest().embedding().label(),
                String.format(Locale.ROOT, "%.4f", generation.threshold().value()), generation.threshold().source(),
                generation.gallery().templateCount());
        return generation;
    }
}
