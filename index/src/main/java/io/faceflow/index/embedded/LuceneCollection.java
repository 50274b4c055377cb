package io.faceflow.index.embedded;

import io.faceflow.index.IndexException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * One Lucene index on disk with its single writer and a searcher that follows commits.
 *
 * <p>Durability comes from {@link IndexWriter#commit()}: it fsyncs the new segments and then
 * atomically publishes a new segments_N file, so a crash (even kill -9) leaves the last commit intact.
 */
final class LuceneCollection implements AutoCloseable {
    private final Path dir;
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** Builds merged HNSW graphs on several threads (see the constructor); null for one. */
    private final ExecutorService graphMergers;
    /** Searches the segments of one query in parallel, one graph per core. */
    private final ExecutorService segmentSearchers = daemonPool("faceflow-segment-search", cores);
    /**
     * Adds the documents of a large upsert from every core. Each indexing thread fills its own
     * in-memory segment and builds its HNSW graph as documents arrive, which is what bounds a bulk
     * load; one thread left the other cores idle. Separate from the merge pool: a merge stalled
     * behind indexing must never wait for threads that indexing holds.
     */
    private final ExecutorService indexers = daemonPool("faceflow-index", cores);

    /** A collection whose merges build their graphs on every core: a merge otherwise inserts vectors one at a time. */
    LuceneCollection(Path dir, EmbeddedOptions options) {
        this(dir, options, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param graphMergeThreads threads a merge builds its HNSW graph on. Every core suits the gallery,
     *     whose merges follow bulk loads; a store that the live stream fills continuously (sightings)
     *     takes one, so its background merges never hold every core the processor decides frames on.
     */
    LuceneCollection(Path dir, EmbeddedOptions options, int graphMergeThreads) {
        this.dir = dir;
        int mergeThreads = Math.max(1, Math.min(graphMergeThreads, cores));
        this.graphMergers = mergeThreads > 1 ? daemonPool("faceflow-graph-merge", mergeThreads) : null;
        try {
            directory = FSDirectory.open(dir.resolve("lucene"));
            IndexWriterConfig config = new IndexWriterConfig();
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(256);
            config.setCodec(new Lucene104Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(options.hnswM(), options.hnswBeamWidth(), mergeThreads, graphMergers);
                }
            });
            ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
            merges.setMaxMergesAndThreads(2, 1);
            config.setMergeScheduler(merges);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previous) {
                    return new IndexSearcher(reader, segmentSearchers);
                }
            });
        } catch (LockObtainFailedException e) {
            shutdownPools();
            throw new IndexException(dir + " is open in another process: the embedded index allows one process;"
                    + " stop the other one, or use a Milvus index for several processes", e);
        } catch (IOException e) {
            shutdownPools();
            throw new IndexException("cannot open the embedded index at " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ExecutorService daemonPool(String name, int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private void shutdownPools() {
        if (graphMergers != null) {
            graphMergers.shutdown();
        }
        segmentSearchers.shutdown();
        indexers.shutdown();
    }

    interface IndexWork<T> {
        void add(T item) throws IOException;
    }

    /** Below this many items an upsert is added on the caller's thread: handing work over costs more. */
    static final int PARALLEL_ADD_MIN = 256;

    /**
     * Runs {@code work} on every item, split over the cores in contiguous chunks; returns when all
     * are done and rethrows the first failure. The caller commits.
     */
    <T> void addAll(List<T> items, IndexWork<T> work) throws IOException {
        if (items.size() < PARALLEL_ADD_MIN) {
            for (T item : items) {
                work.add(item);
            }
            return;
        }
        int per = (items.size() + cores - 1) / cores;
        List<Future<?>> running = new ArrayList<>();
        for (int from = 0; from < items.size(); from += per) {
            List<T> chunk = items.subList(from, Math.min(items.size(), from + per));
            running.add(indexers.submit(() -> {
                for (T item : chunk) {
                    work.add(item);
                }
                return null;
            }));
        }
        Throwable failure = null;
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while adding documents to " + dir);
            }
        }
        if (failure instanceof IOException io) {
            throw io;
        } else if (failure instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failure != null) {
            throw new IOException("adding documents to " + dir + " failed", failure);
        }
    }

    IndexWriter writer() {
        return writer;
    }

    /** Segments a search can walk at once: a bulk load is merged down to this many. */
    int searchParallelism() {
        return cores;
    }

    /** Makes every change so far durable and visible to new searches. */
    void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    /** Documents held, as of the last commit. */
    long documentCount() {
        return withSearcher(s -> (long) s.getIndexReader().numDocs());
    }

    /** Deletes what {@code which} matches and commits; returns how many documents went. */
    long deleteAndCommit(Query which) throws IOException {
        long before = documentCount();
        writer.deleteDocuments(which);
        commit();
        return before - documentCount();
    }

    interface SearchWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    <T> T withSearcher(SearchWork<T> work) {
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            return work.run(searcher);
        } catch (IOException e) {
            throw new IndexException("search in " + dir + " failed: " + e.getMessage(), e);
        } finally {
            if (searcher != null) {
                try {
                    searchers.release(searcher);
                } catch (IOException ignored) {
                    // release only decrements a reference count
                }
            }
        }
    }

    Path path() {
        return dir;
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
            shutdownPools();
        } catch (IOException e) {
            throw new IndexException("closing the embedded index at " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
