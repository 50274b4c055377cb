package io.faceflow.index.milvus;

import io.faceflow.index.CollectionNames;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.IndexException;
import io.faceflow.index.sightings.SightingStore;
import io.faceflow.index.unknowns.CandidateStore;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.utility.request.AlterAliasReq;
import io.milvus.v2.service.utility.request.CreateAliasReq;
import io.milvus.v2.service.utility.request.DescribeAliasReq;
import io.milvus.v2.service.utility.request.DropAliasReq;
import io.milvus.v2.service.utility.request.ListAliasesReq;
import io.milvus.v2.service.utility.response.DescribeAliasResp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Milvus collections {@code <prefix>gallery_<version>}, {@code <prefix>sightings_<version>},
 * {@code <prefix>candidates_<version>} and {@code <prefix>candidate_parts_<version>}, and
 * two aliases: {@code <prefix>gallery_live} (what searches use; other processes may search it by
 * name) and {@code <prefix>gallery_previous} (where rollback returns). Altering an alias is atomic
 * on the server.
 */
public final class MilvusCatalog implements GalleryCatalog {
    private final MilvusConnection conn;
    private final String prefix;
    private final Map<String, MilvusFaceIndex> galleries = new HashMap<>();
    private final Map<String, MilvusSightingStore> sightings = new HashMap<>();
    private final Map<String, MilvusCandidateStore> candidates = new HashMap<>();

    public MilvusCatalog(MilvusConnection conn) {
        this.conn = conn;
        this.prefix = conn.options().collectionPrefix();
    }

    public String galleryCollection(String modelVersion) {
        return prefix + "gallery_" + CollectionNames.slug(modelVersion);
    }

    public String liveAlias() {
        return prefix + "gallery_live";
    }

    String previousAlias() {
        return prefix + "gallery_previous";
    }

    @Override
    public synchronized FaceIndex open(String modelVersion, int dimension) {
        MilvusFaceIndex index = galleries.get(modelVersion);
        if (index == null) {
            String name = galleryCollection(modelVersion);
            ensure(name, modelVersion, dimension, MilvusSchemas.gallery(name, modelVersion, dimension, conn));
            index = new MilvusFaceIndex(conn, name, modelVersion, dimension);
            galleries.put(modelVersion, index);
        } else if (index.dimension() != dimension) {
            throw dimensionMismatch(index.collectionName(), modelVersion, index.dimension(), dimension);
        }
        return index;
    }

    @Override
    public synchronized Optional<FaceIndex> openExisting(String modelVersion) {
        if (galleries.containsKey(modelVersion)) {
            return Optional.of(galleries.get(modelVersion));
        }
        String name = galleryCollection(modelVersion);
        if (!exists(name)) {
            return Optional.empty();
        }
        return Optional.of(open(modelVersion, vectorDimension(describe(name))));
    }

    private void ensure(String name, String modelVersion, int dimension, CreateCollectionReq create) {
        if (!exists(name)) {
            conn.run("creating collection " + name, c -> c.createCollection(create));
            return;
        }
        DescribeCollectionResp d = describe(name);
        if (!modelVersion.equals(modelVersionOf(d))) {
            throw new IndexException("collection " + name + " on " + conn.server() + " holds model version '"
                    + modelVersionOf(d) + "', not '" + modelVersion + "': two versions share a name slug; choose"
                    + " another collection prefix");
        }
        int existing = vectorDimension(d);
        if (existing != dimension) {
            throw dimensionMismatch(name, modelVersion, existing, dimension);
        }
    }

    private IndexException dimensionMismatch(String name, String modelVersion, int existing, int asked) {
        return new IndexException("collection " + name + " (model '" + modelVersion + "') on " + conn.server()
                + " holds " + existing + "-dimensional vectors but " + asked + " was asked for: the model bundle and"
                + " the collection disagree; reindex into a new model version");
    }

    private boolean exists(String name) {
        return conn.call("checking collection " + name,
                c -> c.hasCollection(HasCollectionReq.builder().collectionName(name).build()));
    }

    private DescribeCollectionResp describe(String name) {
        return conn.call("describing collection " + name,
                c -> c.describeCollection(DescribeCollectionReq.builder().collectionName(name).build()));
    }

    private static String modelVersionOf(DescribeCollectionResp d) {
        String version = d.getProperties() == null ? null : d.getProperties().get(MilvusSchemas.MODEL_PROPERTY);
        if (version == null) {
            throw new IndexException("collection " + d.getCollectionName() + " has no '" + MilvusSchemas.MODEL_PROPERTY
                    + "' property: it was not created by faceflow; use another collection prefix");
        }
        return version;
    }

    private static int vectorDimension(DescribeCollectionResp d) {
        Integer dim = d.getCollectionSchema().getField(MilvusSchemas.VECTOR).getDimension();
        if (dim == null) {
            throw new IndexException("collection " + d.getCollectionName() + " has no vector field '"
                    + MilvusSchemas.VECTOR + "': it was not created by faceflow");
        }
        return dim;
    }

    @Override
    public List<String> modelVersions() {
        List<String> names = conn.call("listing collections", c -> c.listCollections().getCollectionNames());
        List<String> versions = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(prefix + "gallery_")) {
                versions.add(modelVersionOf(describe(name)));
            }
        }
        versions.sort(null);
        return versions;
    }

    @Override
    public synchronized void drop(String modelVersion) {
        String name = galleryCollection(modelVersion);
        if (name.equals(aliasTarget(liveAlias()).orElse(null))) {
            throw new IndexException("gallery of model version '" + modelVersion + "' is live (alias " + liveAlias()
                    + "): switch to another version before dropping it");
        }
        if (name.equals(aliasTarget(previousAlias()).orElse(null))) {
            conn.run("dropping alias " + previousAlias(),
                    c -> c.dropAlias(DropAliasReq.builder().alias(previousAlias()).build()));
        }
        galleries.remove(modelVersion);
        conn.run("dropping collection " + name, c -> c.dropCollection(DropCollectionReq.builder().collectionName(name).build()));
        candidates.remove(modelVersion);
        for (String owned : List.of(candidatesCollection(modelVersion), candidatePartsCollection(modelVersion))) {
            if (exists(owned)) {
                conn.run("dropping collection " + owned,
                        c -> c.dropCollection(DropCollectionReq.builder().collectionName(owned).build()));
            }
        }
    }

    @Override
    public Optional<String> liveModelVersion() {
        return aliasTarget(liveAlias()).map(name -> modelVersionOf(describe(name)));
    }

    @Override
    public Optional<String> previousModelVersion() {
        return aliasTarget(previousAlias()).map(name -> modelVersionOf(describe(name)));
    }

    /** The collection an alias names; empty when the alias does not exist. */
    Optional<String> aliasTarget(String alias) {
        try {
            List<String> aliases = conn.call("listing aliases",
                    c -> c.listAliases(ListAliasesReq.builder().collectionName("").build()).getAlias());
            if (aliases == null || !aliases.contains(alias)) {
                return Optional.empty();
            }
            DescribeAliasResp r = conn.call("describing alias " + alias,
                    c -> c.describeAlias(DescribeAliasReq.builder().alias(alias).build()));
            return Optional.ofNullable(r.getCollectionName()).filter(s -> !s.isEmpty());
        } catch (IndexException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("unimplemented") || m.contains("not support") || m.contains("unknown method")) {
                throw new IndexException("the Milvus server at " + conn.server() + " cannot describe aliases (Milvus"
                        + " 2.3 and older lack DescribeAlias): use Milvus 2.4+ or Milvus Lite 3.x", e);
            }
            if (m.contains("not exist") || m.contains("not found") || m.contains("doesn't exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public synchronized void switchLive(String modelVersion) {
        String target = galleryCollection(modelVersion);
        if (!exists(target)) {
            throw new IndexException("no gallery collection for model version '" + modelVersion + "' on "
                    + conn.server() + " (expected " + target + "); known versions: " + modelVersions());
        }
        Optional<String> current = aliasTarget(liveAlias());
        if (current.isPresent() && current.get().equals(target)) {
            return;
        }
        current.ifPresent(old -> pointAlias(previousAlias(), old));
        pointAlias(liveAlias(), target);
    }

    private void pointAlias(String alias, String collection) {
        if (aliasTarget(alias).isPresent()) {
            conn.run("moving alias " + alias + " to " + collection,
                    c -> c.alterAlias(AlterAliasReq.builder().alias(alias).collectionName(collection).build()));
        } else {
            conn.run("creating alias " + alias + " for " + collection,
                    c -> c.createAlias(CreateAliasReq.builder().alias(alias).collectionName(collection).build()));
        }
    }

    @Override
    public synchronized SightingStore sightings(String modelVersion, int dimension) {
        MilvusSightingStore store = sightings.get(modelVersion);
        if (store == null) {
            String name = prefix + "sightings_" + CollectionNames.slug(modelVersion);
            ensure(name, modelVersion, dimension, MilvusSchemas.sightings(name, modelVersion, dimension, conn));
            store = new MilvusSightingStore(conn, name, modelVersion, dimension);
            sightings.put(modelVersion, store);
        }
        return store;
    }

    @Override
    public synchronized CandidateStore candidates(String modelVersion, int dimension) {
        MilvusCandidateStore store = candidates.get(modelVersion);
        if (store == null) {
            String name = candidatesCollection(modelVersion);
            String parts = candidatePartsCollection(modelVersion);
            ensure(name, modelVersion, dimension, MilvusSchemas.candidates(name, modelVersion, dimension, conn));
            ensure(parts, modelVersion, dimension, MilvusSchemas.candidateParts(parts, modelVersion, dimension, conn));
            store = new MilvusCandidateStore(conn, name, parts, modelVersion, dimension);
            candidates.put(modelVersion, store);
        } else if (store.dimension() != dimension) {
            throw dimensionMismatch(candidatesCollection(modelVersion), modelVersion, store.dimension(), dimension);
        }
        return store;
    }

    private String candidatesCollection(String modelVersion) {
        return prefix + "candidates_" + CollectionNames.slug(modelVersion);
    }

    private String candidatePartsCollection(String modelVersion) {
        return prefix + "candidate_parts_" + CollectionNames.slug(modelVersion);
    }

    /** Drops every collection and alias with this catalog's prefix (for tests and benchmarks). */
    public synchronized void dropEverything() {
        for (String alias : List.of(liveAlias(), previousAlias())) {
            if (aliasTarget(alias).isPresent()) {
                conn.run("dropping alias " + alias, c -> c.dropAlias(DropAliasReq.builder().alias(alias).build()));
            }
        }
        for (String name : conn.call("listing collections", c -> c.listCollections().getCollectionNames())) {
            if (name.startsWith(prefix)) {
                conn.run("dropping " + name, c -> c.dropCollection(DropCollectionReq.builder().collectionName(name).build()));
            }
        }
        galleries.clear();
        sightings.clear();
        candidates.clear();
    }

    @Override
    public String describe() {
        return "Milvus index " + conn.server() + " (collections " + prefix + "*)";
    }

    @Override
    public void close() {
        conn.close();
    }
}
