package io.faceflow.index.embedded;

import io.faceflow.index.IndexException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
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
    /** Builds merged HNSW graphs on every core: a merge otherwise inserts vectors one thread at a time. */
    private final ExecutorService graphMergers;

    LuceneCollection(Path dir, EmbeddedOptions options) {
        this.dir = dir;
        int cores = Runtime.getRuntime().availableProcessors();
        graphMergers = Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "faceflow-graph-merge");
            t.setDaemon(true);
            return t;
        });
        try {
            directory = FSDirectory.open(dir.resolve("lucene"));
            IndexWriterConfig config = new IndexWriterConfig();
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(256);
            config.setCodec(new Lucene104Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(options.hnswM(), options.hnswBeamWidth(), cores, graphMergers);
                }
            });
            ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
            merges.setMaxMergesAndThreads(2, 1);
            config.setMergeScheduler(merges);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (LockObtainFailedException e) {
            graphMergers.shutdown();
            throw new IndexException(dir + " is open in another process: the embedded index allows one process;"
                    + " stop the other one, or use a Milvus index for several processes", e);
        } catch (IOException e) {
            graphMergers.shutdown();
            throw new IndexException("cannot open the embedded index at " + dir + ": " + e.getMessage(), e);
        }
    }

    IndexWriter writer() {
        return writer;
    }

    /** Makes every change so far durable and visible to new searches. */
    void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
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
            graphMergers.shutdown();
        } catch (IOException e) {
            throw new IndexException("closing the embedded index at " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
