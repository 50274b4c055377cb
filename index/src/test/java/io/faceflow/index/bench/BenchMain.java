package io.faceflow.index.bench;

/** Runs the index benchmark from the index module's test classpath: BACKEND SIZE DIM QUERIES [URI]. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        BenchConfig config = new BenchConfig(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), 5,
                Integer.parseInt(args[3]), 10, 42, args.length > 4 ? args[4] : null);
        System.out.println(IndexBenchmark.run(config, System.err).format());
    }
}
