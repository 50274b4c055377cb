package io.faceflow.bench;

import io.faceflow.app.bench.SoakSampler;
import io.faceflow.app.command.DemoCommand;
import io.faceflow.app.demo.DemoReport;
import io.faceflow.app.demo.DemoRun;
import io.faceflow.app.demo.DemoSettings;
import io.faceflow.app.demo.DemoTally;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The demo's pieces (broker, gallery, camera, stream, alerts) left running for a long time, with
 * what shows a leak or a loss: memory and open files sampled throughout, and at the end every frame
 * and alert accounted for.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Runs the demo's pieces for --minutes and reports resident memory and open files over time,",
            "frames lost (sent - processed - stale - dead letters) and duplicate alerts. Takes the demo's options."})
public final class BenchSoakCommand extends DemoCommand {
    @Option(names = "--minutes", defaultValue = "30", description = "How long to run (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--sample-every", defaultValue = "60", paramLabel = "SECONDS",
            description = "Seconds between memory and file samples (default: ${DEFAULT-VALUE}).")
    long sampleEverySeconds;

    @Override
    protected DemoSettings settings() {
        if (durationSeconds != null) {
            throw new ParameterException(spec.commandLine(), "bench soak runs for --minutes; --duration is the demo's");
        }
        if (minutes <= 0 || sampleEverySeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--minutes and --sample-every must be positive");
        }
        return super.settings().withDuration(Duration.ofMillis(Math.round(minutes * 60_000)));
    }

    @Override
    protected void runAndReport(DemoRun run, PrintWriter out) throws Exception {
        List<SoakSampler.Sample> samples;
        List<DemoReport.Entry> alerts;
        try (SoakSampler sampler = new SoakSampler(Duration.ofSeconds(sampleEverySeconds), out)) {
            alerts = play(run);
            samples = sampler.finish();
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("the run ended before its first sample; run it for longer");
        }
        DemoTally tally = run.finalTally();
        Set<String> ids = new HashSet<>();
        long duplicates = alerts.stream().filter(a -> !ids.add(a.alert().alertId())).count();
        // The first minute loads the models and fills the caches: growth is judged after it.
        double warmUp = Math.min(60, samples.get(samples.size() - 1).seconds() / 2);
        SoakSampler.Sample first = samples.stream().filter(s -> s.seconds() >= warmUp).findFirst().orElseThrow();
        SoakSampler.Sample last = samples.get(samples.size() - 1);
        long maxResident = samples.stream().mapToLong(SoakSampler.Sample::residentKb).max().orElse(-1);
        long maxFiles = samples.stream().mapToLong(SoakSampler.Sample::openFiles).max().orElse(-1);
        synchronized (out) {
            out.printf(Locale.ROOT, "[soak] summary over %.1f min, %d samples:%n", last.seconds() / 60, samples.size());
            // Caches and compiled code fill the first minutes; a leak is what still grows in the second half.
            out.printf(Locale.ROOT, "[soak]   resident memory %d MB at %.0f s, %d MB at the end, %d MB at most;"
                    + " growth %.1f MB/h after the first %.0f s, %.1f MB/h over the second half%n",
                    first.residentKb() / 1024, first.seconds(), last.residentKb() / 1024, maxResident / 1024,
                    SoakSampler.residentGrowthMbPerHour(samples, warmUp), warmUp,
                    SoakSampler.residentGrowthMbPerHour(samples, last.seconds() / 2));
            out.printf(Locale.ROOT, "[soak]   open files %d at %.0f s, %d at the end, %d at most%n", first.openFiles(),
                    first.seconds(), last.openFiles(), maxFiles);
            if (tally != null) {
                long lost = tally.framesSent() - tally.framesProcessed() - tally.framesSkippedStale()
                        - tally.deadLetters();
                out.printf(Locale.ROOT, "[soak]   frames sent %d, processed %d, stale %d, dead letters %d: lost %d%n",
                        tally.framesSent(), tally.framesProcessed(), tally.framesSkippedStale(), tally.deadLetters(),
                        lost);
            }
            out.printf(Locale.ROOT, "[soak]   alerts received %d, duplicates (same alert id) %d%n", alerts.size(),
                    duplicates);
            out.flush();
        }
    }
}
