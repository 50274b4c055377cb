package io.faceflow.index.bench;

/** Runs the index benchmark from the index module's test classpath: BACKEND SIZE DIM [URI]. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        BenchConfig config = BenchConfig.of(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                args.length > 3 ? args[3] : null);
        System.out.println(IndexBenchmark.run(config, System.err).format());
    }
}
