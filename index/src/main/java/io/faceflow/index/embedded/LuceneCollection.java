package io.faceflow.index.embedded;

import io.faceflow.index.IndexException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
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

    LuceneCollection(Path dir, EmbeddedOptions options) {
        this.dir = dir;
        try {
            directory = FSDirectory.open(dir.resolve("lucene"));
            IndexWriterConfig config = new IndexWriterConfig();
            config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            config.setRAMBufferSizeMB(256);
            config.setCodec(new Lucene912Codec() {
                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return new Lucene99HnswVectorsFormat(options.hnswM(), options.hnswBeamWidth());
                }
            });
            ConcurrentMergeScheduler merges = new ConcurrentMergeScheduler();
            merges.setMaxMergesAndThreads(2, 1);
            config.setMergeScheduler(merges);
            writer = new IndexWriter(directory, config);
            searchers = new SearcherManager(writer, null);
        } catch (LockObtainFailedException e) {
            throw new IndexException(dir + " is open in another process: the embedded index allows one process;"
                    + " stop the other one, or use a Milvus index for several processes", e);
        } catch (IOException e) {
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
        } catch (IOException e) {
            throw new IndexException("closing the embedded index at " + dir + " failed: " + e.getMessage(), e);
        }
    }
}
