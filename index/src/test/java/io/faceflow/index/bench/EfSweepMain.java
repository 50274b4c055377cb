package io.faceflow.index.bench;

import io.faceflow.index.BestPerIdentity;
import io.faceflow.index.Identity;
import io.faceflow.index.SearchHit;
import io.faceflow.index.SearchRequest;
import io.faceflow.index.Template;
import io.faceflow.index.Vectors;
import io.faceflow.index.embedded.EmbeddedOptions;
import io.faceflow.index.embedded.LuceneFaceIndex;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Tuning aid: build once with M/beam, then measure recall and latency for several efSearch values. */
public final class EfSweepMain {
    private EfSweepMain() {}

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        int dim = Integer.parseInt(args[1]);
        int m = Integer.parseInt(args[2]);
        int beam = Integer.parseInt(args[3]);
        FaceLikeData data = new FaceLikeData(42, dim);
        int people = size / 5;
        float[][] centres = new float[people][];
        float[][] vectors = new float[size][];
        String[] owner = new String[size];
        List<Identity> gallery = new ArrayList<>();
        for (int p = 0, k = 0; p < people; p++) {
            centres[p] = data.centre();
            List<Template> ts = new ArrayList<>();
            for (int t = 0; t < 5; t++, k++) {
                vectors[k] = data.face(centres[p]);
                owner[k] = "p" + p;
                ts.add(new Template("t" + t, vectors[k]));
            }
            gallery.add(new Identity("p" + p, "", Map.of(), ts));
        }
        EmbeddedOptions base = new EmbeddedOptions(0, m, beam, 100, 5);
        var dir = Files.createTempDirectory("efsweep");
        LuceneFaceIndex index = LuceneFaceIndex.open(dir, "m", dim, base);
        long t0 = System.nanoTime();
        for (int i = 0; i < gallery.size(); i += 2000) {
            index.upsert(gallery.subList(i, Math.min(gallery.size(), i + 2000)));
        }
        long t1 = System.nanoTime();
        index.compact();
        long t2 = System.nanoTime();
        System.out.printf("insert %.1f s (%.0f/s), compact %.1f s%n", (t1 - t0) / 1e9, size / ((t1 - t0) / 1e9), (t2 - t1) / 1e9);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < 300; q++) {
            queries.add(data.face(centres[data.nextInt(people)]));
        }
        List<Set<String>> exact = new ArrayList<>();
        for (float[] q : queries) {
            BestPerIdentity best = new BestPerIdentity(10);
            for (int i = 0; i < size; i++) {
                best.offer(new SearchHit(owner[i], "", "", Vectors.dot(q, vectors[i]), Map.of()));
            }
            Set<String> ids = new HashSet<>();
            best.result().forEach(h -> ids.add(h.identityId()));
            exact.add(ids);
        }
        for (String efs : args[4].split(",")) {
            int ef = Integer.parseInt(efs);
            LuceneFaceIndex view = index.withSearchOptions(base.withEfSearch(ef));
            double[] ms = new double[queries.size()];
            double recall = 0;
            for (int w = 0; w < 30; w++) {
                view.search(new SearchRequest("m", List.of(queries.get(w)), 10));
            }
            for (int q = 0; q < queries.size(); q++) {
                long a = System.nanoTime();
                List<SearchHit> hits = view.search(new SearchRequest("m", List.of(queries.get(q)), 10)).get(0);
                ms[q] = (System.nanoTime() - a) / 1e6;
                Set<String> e = exact.get(q);
                recall += hits.stream().filter(h -> e.contains(h.identityId())).count() / 10.0;
            }
            Arrays.sort(ms);
            System.out.printf("M=%d beam=%d ef=%d recall@10=%.4f p50=%.2f p99=%.2f%n", m, beam, ef,
                    recall / queries.size(), ms[ms.length / 2], ms[(int) (ms.length * 0.99) - 1]);
        }
        index.close();
    }
}
