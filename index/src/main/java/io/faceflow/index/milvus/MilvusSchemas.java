package io.faceflow.index.milvus;

import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.List;
import java.util.Map;

/**
 * The collection layouts. The vector index is passed with createCollection, so the server builds
 * and loads it without a separate createIndex call that would wait (Milvus Lite cannot wait on it).
 */
final class MilvusSchemas {
    static final String PK = "pk";
    static final String IDENTITY = "identity_id";
    static final String NAME = "display_name";
    static final String TEMPLATE = "template_id";
    static final String MODEL = "model_version";
    static final String CREATED = "created_ms";
    static final String METADATA = "metadata";
    static final String VECTOR = "vector";
    static final String SIGHTING = "sighting_id";
    static final String CAMERA = "camera_id";
    static final String TIME = "capture_time";
    static final String CANDIDATE = "candidate_id";
    static final String GENERATION = "generation";
    static final String PARTS = "parts";
    static final String VISITS = "visit_count";
    static final String LAST_SEEN = "last_seen";
    static final String STATUS = "status";
    static final String PART = "part_id";
    static final String SEQ = "seq";
    static final String PAYLOAD = "payload";
    static final String MODEL_PROPERTY = "faceflow.model_version";

    private MilvusSchemas() {}

    static CreateCollectionReq gallery(String name, String modelVersion, int dimension, MilvusConnection conn) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(varchar(PK, 260).isPrimaryKey(true).autoID(false).build());
        schema.addField(varchar(IDENTITY, 128).build());
        schema.addField(varchar(NAME, 512).build());
        schema.addField(varchar(TEMPLATE, 128).build());
        schema.addField(varchar(MODEL, 256).build());
        schema.addField(AddFieldReq.builder().fieldName(CREATED).dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(METADATA).dataType(DataType.JSON).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector).dimension(dimension).build());
        return create(name, modelVersion, schema, conn);
    }

    static CreateCollectionReq sightings(String name, String modelVersion, int dimension, MilvusConnection conn) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(varchar(SIGHTING, 128).isPrimaryKey(true).autoID(false).build());
        schema.addField(varchar(CAMERA, 128).build());
        // "" for a face nobody was decided to be: forget deletes by it.
        schema.addField(varchar(IDENTITY, 128).build());
        schema.addField(AddFieldReq.builder().fieldName(TIME).dataType(DataType.Int64).build());
        schema.addField(varchar(MODEL, 256).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector).dimension(dimension).build());
        return create(name, modelVersion, schema, conn);
    }

    /** Candidate heads, see {@code MilvusCandidateStore}; the centroid under an exact index. */
    static CreateCollectionReq candidates(String name, String modelVersion, int dimension, MilvusConnection conn) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(varchar(CANDIDATE, 128).isPrimaryKey(true).autoID(false).build());
        schema.addField(varchar(MODEL, 256).build());
        schema.addField(AddFieldReq.builder().fieldName(GENERATION).dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(PARTS).dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(VISITS).dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(LAST_SEEN).dataType(DataType.Int64).build());
        schema.addField(varchar(STATUS, 16).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector).dimension(dimension).build());
        return create(name, modelVersion, schema, exactIndex(), conn);
    }

    /** The candidates' JSON in chunks below VARCHAR's 65,535-byte limit, see {@code MilvusCandidateStore}. */
    static CreateCollectionReq candidateParts(String name, String modelVersion, int dimension, MilvusConnection conn) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder().build();
        schema.addField(varchar(PART, 200).isPrimaryKey(true).autoID(false).build());
        schema.addField(varchar(CANDIDATE, 128).build());
        schema.addField(AddFieldReq.builder().fieldName(GENERATION).dataType(DataType.Int64).build());
        schema.addField(AddFieldReq.builder().fieldName(SEQ).dataType(DataType.Int64).build());
        schema.addField(varchar(PAYLOAD, 65_535).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector).dimension(dimension).build());
        return create(name, modelVersion, schema, exactIndex(), conn);
    }

    /**
     * FLAT compares with every vector: exact, which clustering needs to find the true nearest
     * candidate, and cheap for the thousands of candidates a site accumulates.
     */
    private static IndexParam exactIndex() {
        return IndexParam.builder().fieldName(VECTOR).metricType(IndexParam.MetricType.COSINE)
                .indexType(IndexParam.IndexType.FLAT).build();
    }

    private static AddFieldReq.AddFieldReqBuilder<?> varchar(String name, int maxLength) {
        return AddFieldReq.builder().fieldName(name).dataType(DataType.VarChar).maxLength(maxLength);
    }

    private static CreateCollectionReq create(String name, String modelVersion, CreateCollectionReq.CollectionSchema schema,
                                              MilvusConnection conn) {
        return create(name, modelVersion, schema, vectorIndex(conn.options()), conn);
    }

    private static CreateCollectionReq create(String name, String modelVersion, CreateCollectionReq.CollectionSchema schema,
                                              IndexParam index, MilvusConnection conn) {
        return CreateCollectionReq.builder()
                .collectionName(name)
                // The exact model version, read back by the catalog; names only carry a slug of it.
                // A property, not the description: Milvus Lite does not keep descriptions.
                .description("faceflow collection of model version " + modelVersion)
                .property(MODEL_PROPERTY, modelVersion)
                .collectionSchema(schema)
                .indexParams(List.of(index))
                .consistencyLevel(conn.consistency())
                .build();
    }

    static IndexParam vectorIndex(MilvusOptions o) {
        IndexParam.IndexParamBuilder b = IndexParam.builder().fieldName(VECTOR).metricType(IndexParam.MetricType.COSINE);
        return switch (o.indexKind()) {
            case IVF_FLAT -> b.indexType(IndexParam.IndexType.IVF_FLAT).extraParams(Map.of("nlist", o.ivfNlist())).build();
            case IVF_SQ8 -> b.indexType(IndexParam.IndexType.IVF_SQ8).extraParams(Map.of("nlist", o.ivfNlist())).build();
            case HNSW -> b.indexType(IndexParam.IndexType.HNSW)
                    .extraParams(Map.of("M", o.hnswM(), "efConstruction", o.hnswEfConstruction())).build();
        };
    }

    static int defaultSearchBeam(MilvusOptions o) {
        return o.indexKind().isIvf() ? o.ivfNprobe() : o.hnswEf();
    }

    /** HNSW needs ef >= limit; IVF's beam is the number of clusters probed. */
    static Map<String, Object> searchParams(MilvusOptions.IndexKind kind, int beam, int limit) {
        if (kind.isIvf()) {
            return Map.of("nprobe", beam);
        }
        return Map.of("ef", Math.max(beam, limit));
    }
}
