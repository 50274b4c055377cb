package io.faceflow.index.gallery;

import io.faceflow.index.DimensionMismatchException;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.Identity;
import io.faceflow.index.IndexException;
import io.faceflow.index.ModelVersionMismatchException;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.Template;
import io.faceflow.index.Vectors;
import io.faceflow.index.unknowns.Candidate;
import io.faceflow.index.unknowns.CandidateShot;
import io.faceflow.index.unknowns.CandidateStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gallery as the application sees it: enrol, search the live collection, forget a person,
 * re-embed everyone with a new model and switch to it, and roll back.
 *
 * <p>Crops in the {@link CropStore} are the source of truth; collections are derived from them.
 * A reindex writes a new collection while searches keep using the live one, checks the counts,
 * and only then moves the live pointer in one step.
 */
public final class GalleryManager {
    private static final Logger LOG = LoggerFactory.getLogger(GalleryManager.class);

    private final GalleryCatalog catalog;
    private final CropStore crops;
    /** The live collection, resolved once and again only when a switch is seen (a lookup costs Milvus two calls). */
    private volatile FaceIndex liveView;

    public GalleryManager(GalleryCatalog catalog, CropStore crops) {
        this.catalog = catalog;
        this.crops = crops;
    }

    public GalleryCatalog catalog() {
        return catalog;
    }

    public CropStore crops() {
        return crops;
    }

    /**
     * The live collection, held between calls. Switches made through this manager refresh it at
     * once; a switch made by another process is picked up by {@link #refreshLive()} or, for a
     * search, when the query's model version no longer matches the held view.
     */
    public FaceIndex live() {
        FaceIndex view = liveView;
        return view != null ? view : refreshLive();
    }

    /** Looks the live collection up again (after another process switched it). */
    public synchronized FaceIndex refreshLive() {
        liveView = resolveLive();
        return liveView;
    }

    private FaceIndex resolveLive() {
        String version = catalog.liveModelVersion().orElseThrow(() -> new IndexException("the gallery in "
                + catalog.describe() + " has no live collection yet: enrol someone first"));
        return catalog.openExisting(version).orElseThrow(() -> new IndexException("the live pointer of "
                + catalog.describe() + " names model version '" + version + "' but its collection is missing:"
                + " switch to an existing version (known: " + catalog.modelVersions() + ")"));
    }

    /**
     * Stores the crops, then indexes the embeddings in the live collection. The first enrolment
     * creates the collection for its model version and makes it live.
     */
    public synchronized void enrol(EnrolmentRequest request) {
        Optional<String> live = catalog.liveModelVersion();
        if (live.isPresent() && !live.get().equals(request.modelVersion())) {
            throw new ModelVersionMismatchException(live.get(), request.modelVersion());
        }
        int dimension = request.templates().get(0).embedding().length;
        FaceIndex index = live.isPresent() ? live() : catalog.open(request.modelVersion(), dimension);
        List<Template> templates = new ArrayList<>();
        Map<String, byte[]> cropBytes = new java.util.LinkedHashMap<>();
        for (EnrolTemplate t : request.templates()) {
            if (t.embedding().length != index.dimension()) {
                throw new DimensionMismatchException("enrolment of '" + request.identityId() + "' template '"
                        + t.templateId() + "'", index.dimension(), t.embedding().length);
            }
            templates.add(new Template(t.templateId(), t.embedding()));
            cropBytes.put(t.templateId(), t.crop());
        }
        Identity identity = new Identity(request.identityId(), request.displayName(), request.metadata(), templates);
        crops.put(new StoredIdentity(request.identityId(), identity.displayName(), request.metadata()), cropBytes);
        index.upsert(identity);
        if (live.isEmpty()) {
            catalog.switchLive(request.modelVersion());
            refreshLive();
        }
    }

    /**
     * Searches the live collection. A query of another model version than the held view first
     * re-reads the live pointer, so a switch made elsewhere takes effect on the next query of the
     * new version; if that still does not match, the versions are refused as incomparable.
     */
    public List<List<SearchHit>> search(SearchRequest request) {
        FaceIndex view = live();
        if (!view.modelVersion().equals(request.modelVersion())) {
            view = refreshLive();
        }
        return view.search(request);
    }

    /**
     * Gives a person another display name: in the crop store (so every later reindex carries it) and
     * in the live collection, whose templates are re-embedded from the stored crops with
     * {@code embedder} (a collection keeps no vectors to copy). Other model versions keep the old
     * name until they are rebuilt from the crops.
     */
    public synchronized void rename(String identityId, String displayName, CropEmbedder embedder) {
        String version = update(identityId, s -> new StoredIdentity(identityId, displayName, s.metadata()), embedder);
        LOG.info("renamed '{}' in the crop store and model version '{}'", identityId, version);
    }

    /**
     * Puts a person on exactly the watchlists {@code groups} (none: on no list), in the crop store and
     * the live collection, as {@link #rename} does for the name.
     */
    public synchronized void setWatchlists(String identityId, Collection<String> groups, CropEmbedder embedder) {
        String version = update(identityId, s -> new StoredIdentity(identityId, s.displayName(),
                Watchlists.withGroups(s.metadata(), groups)), embedder);
        LOG.info("watchlists of '{}' are now {} in the crop store and model version '{}'", identityId,
                new TreeSet<>(groups), version);
    }

    /** Rewrites a stored person with {@code change} and re-indexes them in the live collection; returns its version. */
    private String update(String identityId, UnaryOperator<StoredIdentity> change, CropEmbedder embedder) {
        StoredIdentity stored = crops.identity(identityId).orElseThrow(() -> new IndexException("no person '"
                + identityId + "' in the crop store " + crops.root() + ": enrol them first"));
        FaceIndex index = live();
        if (!index.modelVersion().equals(embedder.modelVersion())) {
            throw new ModelVersionMismatchException(index.modelVersion(), embedder.modelVersion());
        }
        Map<String, byte[]> cropBytes = crops.crops(identityId);
        crops.put(change.apply(stored), cropBytes);
        embedAndIndex(embedder, index, List.of(identityId), List.of(cropBytes));
        return index.modelVersion();
    }

    /**
     * Erases a person from every collection of every model version, and their crops. An
     * unknown-person candidate with that id goes too: a named candidate becomes a person under its
     * candidate id, and forgetting the person must not leave the candidate's faces behind.
     */
    public synchronized ForgetReport forget(String identityId) {
        List<String> erased = new ArrayList<>();
        long sightings = 0;
        long candidates = 0;
        for (String version : catalog.modelVersions()) {
            Optional<FaceIndex> index = catalog.openExisting(version);
            if (index.isPresent() && index.get().delete(identityId)) {
                erased.add(version);
            }
            if (index.isPresent()) {
                int dimension = index.get().dimension();
                sightings += catalog.sightings(version, dimension).deleteIdentity(identityId);
                candidates += catalog.candidates(version, dimension).delete(identityId) ? 1 : 0;
            }
        }
        boolean cropsRemoved = crops.delete(identityId);
        LOG.info("forgot '{}': erased from model versions {}, {} sighting(s), {} candidate(s), crops removed: {}",
                identityId, erased, sightings, candidates, cropsRemoved);
        return new ForgetReport(identityId, erased, cropsRemoved, sightings, candidates);
    }

    /**
     * Re-embeds every stored crop with {@code embedder} into a fresh collection for its model
     * version, verifies that it holds every identity and template, re-embeds the unknown-person
     * candidates of the live version from their best shots, then switches live to it.
     * Searches keep using the old collection until the switch. Enrolments made while this runs
     * may be missed: run it when enrolment is quiet, or enrol those people again afterwards.
     */
    public synchronized ReindexReport reindex(CropEmbedder embedder, int batchSize) {
        long start = System.nanoTime();
        String from = catalog.liveModelVersion().orElse(null);
        String to = embedder.modelVersion();
        if (to.equals(from)) {
            throw new IndexException("model version '" + to + "' is already live: a reindex needs a new model version");
        }
        if (catalog.openExisting(to).isPresent()) {
            // A leftover of an earlier, unfinished reindex (or a rolled-back version): rebuild it from the crops.
            catalog.drop(to);
        }
        FaceIndex target = catalog.open(to, embedder.dimension());
        List<String> ids = crops.identityIds();
        int templates = 0;
        int expectedIdentities = 0;
        List<String> batchIds = new ArrayList<>();
        List<Map<String, byte[]>> batchCrops = new ArrayList<>();
        int pending = 0;
        for (String id : ids) {
            Map<String, byte[]> c = crops.crops(id);
            if (c.isEmpty()) {
                LOG.warn("identity '{}' has no crops in {}; it cannot be re-embedded and is left out", id, crops.root());
                continue;
            }
            expectedIdentities++;
            batchIds.add(id);
            batchCrops.add(c);
            pending += c.size();
            templates += c.size();
            if (pending >= batchSize) {
                embedAndIndex(embedder, target, batchIds, batchCrops);
                batchIds.clear();
                batchCrops.clear();
                pending = 0;
            }
        }
        if (!batchIds.isEmpty()) {
            embedAndIndex(embedder, target, batchIds, batchCrops);
        }
        target.finishBulkLoad();
        long heldTemplates = target.templateCount();
        long heldIdentities = target.count();
        if (heldTemplates != templates || heldIdentities != expectedIdentities) {
            throw new IndexException("reindex into model version '" + to + "' is incomplete: the new collection holds "
                    + heldIdentities + " identities / " + heldTemplates + " templates but the crop store has "
                    + expectedIdentities + " / " + templates + "; live stays on '" + from + "'. Run the reindex again.");
        }
        int candidates = from == null ? 0 : reembedCandidates(from, embedder, batchSize);
        catalog.switchLive(to);
        refreshLive();
        long millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("reindexed {} identities / {} templates / {} candidates from '{}' to '{}' in {} ms",
                expectedIdentities, templates, candidates, from, to, millis);
        return new ReindexReport(from, to, expectedIdentities, templates, candidates, millis);
    }

    /**
     * Re-embeds the candidates of {@code from} into the candidates of the embedder's version, from
     * their best shots, about {@code batchSize} shots per embedder call; returns how many were.
     */
    private int reembedCandidates(String from, CropEmbedder embedder, int batchSize) {
        FaceIndex old = catalog.openExisting(from).orElseThrow(() -> new IndexException("the live gallery of model"
                + " version '" + from + "' disappeared during the reindex; run the reindex again"));
        CandidateStore source = catalog.candidates(from, old.dimension());
        CandidateStore target = catalog.candidates(embedder.modelVersion(), embedder.dimension());
        List<Candidate> batch = new ArrayList<>();
        int shots = 0;
        int done = 0;
        for (Candidate c : source.list()) {
            if (c.shots().isEmpty()) {
                LOG.warn("unknown-person candidate '{}' of model version '{}' has no best shots, so it cannot be"
                        + " re-embedded for '{}' and is left out; it forms again from new sightings", c.candidateId(),
                        from, embedder.modelVersion());
                continue;
            }
            batch.add(c);
            shots += c.shots().size();
            if (shots >= batchSize) {
                done += reembed(batch, embedder, target);
                batch.clear();
                shots = 0;
            }
        }
        if (!batch.isEmpty()) {
            done += reembed(batch, embedder, target);
        }
        return done;
    }

    /** One embedding per image, in order; refuses an embedder that returns a different count. */
    private static float[][] embedAll(CropEmbedder embedder, List<byte[]> images, String what) {
        float[][] vectors = embedder.embed(images);
        if (vectors.length != images.size()) {
            throw new IndexException("embedder for '" + embedder.modelVersion() + "' returned " + vectors.length
                    + " embeddings for " + images.size() + " " + what);
        }
        return vectors;
    }

    /** Shot embeddings replaced, centroid the normalised mean of them; visits, members and status kept. */
    private static int reembed(List<Candidate> candidates, CropEmbedder embedder, CandidateStore target) {
        List<byte[]> jpegs = new ArrayList<>();
        candidates.forEach(c -> c.shots().forEach(s -> jpegs.add(s.jpeg())));
        float[][] vectors = embedAll(embedder, jpegs, "candidate shots");
        List<Candidate> out = new ArrayList<>();
        int k = 0;
        for (Candidate c : candidates) {
            List<CandidateShot> shots = new ArrayList<>();
            float[] sum = new float[embedder.dimension()];
            for (CandidateShot s : c.shots()) {
                float[] v = vectors[k++];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += v[i];
                }
                shots.add(new CandidateShot(s.shotId(), s.cameraId(), s.captureTimeMs(), s.faceSize(), s.sharpness(),
                        s.quality(), s.jpeg(), v));
            }
            out.add(new Candidate(c.candidateId(), embedder.modelVersion(), Vectors.normalise(sum), c.members(),
                    c.visits(), shots, c.status()));
        }
        target.save(out);
        return out.size();
    }

    private void embedAndIndex(CropEmbedder embedder, FaceIndex target, List<String> ids,
                               List<Map<String, byte[]>> cropsPerIdentity) {
        List<byte[]> flat = new ArrayList<>();
        cropsPerIdentity.forEach(m -> flat.addAll(m.values()));
        float[][] vectors = embedAll(embedder, flat, "crops");
        List<Identity> identities = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < ids.size(); i++) {
            StoredIdentity stored = crops.identity(ids.get(i)).orElseThrow();
            List<Template> templates = new ArrayList<>();
            for (String templateId : cropsPerIdentity.get(i).keySet()) {
                templates.add(new Template(templateId, vectors[k++]));
            }
            identities.add(new Identity(stored.identityId(), stored.displayName(), stored.metadata(), templates));
        }
        target.upsert(identities);
    }

    /** Switches live back to the version that was live before the last switch. */
    public synchronized String rollback() {
        String previous = catalog.previousModelVersion().orElseThrow(() -> new IndexException(
                "nothing to roll back to in " + catalog.describe() + ": no earlier live version is recorded"));
        if (catalog.openExisting(previous).isEmpty()) {
            throw new IndexException("cannot roll back to model version '" + previous + "': its collection was dropped");
        }
        catalog.switchLive(previous);
        refreshLive();
        LOG.info("rolled back the live gallery to model version '{}'", previous);
        return previous;
    }
}
