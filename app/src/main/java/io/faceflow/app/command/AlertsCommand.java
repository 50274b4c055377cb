package io.faceflow.app.command;

import io.faceflow.app.alerts.AlertLine;
import io.faceflow.app.alerts.AlertTail;
import io.faceflow.app.cli.ExitCodes;
import io.faceflow.app.cli.KafkaClientOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Print the match alerts on faceflow.matches as they arrive, one line each (or the JSON a",
            "downstream service receives, with --json), until Ctrl-C. Reads without a consumer group, so it",
            "never takes alerts away from a service that consumes them."})
public final class AlertsCommand implements Callable<Integer> {
    @Option(names = "--from-beginning", description = "Print the alerts already in the topic first.")
    boolean fromBeginning;

    @Option(names = "--json", description = "Print each alert's JSON as it is on the topic.")
    boolean json;

    @Mixin
    KafkaClientOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        kafka.requiredBootstrap(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        kafka.checkAccess(kafka.client());
        AlertTail tail;
        try {
            tail = new AlertTail(kafka.bootstrap(), Map.<String, Object>copyOf(kafka.settings()), fromBeginning);
        } catch (IllegalStateException | KafkaException e) {
            err.println("faceflow alerts: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            tail.stop();
            awaitQuietly(done);
        }, "faceflow-alerts-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        err.println("following faceflow.matches on " + kafka.bootstrap() + (fromBeginning ? " from the beginning" : "")
                + "; Ctrl-C stops");
        err.flush();
        try {
            tail.run(received -> {
                out.println(json ? new String(received.json(), StandardCharsets.UTF_8)
                        : AlertLine.format(received.alert(), received.seenAtMs()));
                out.flush();
            }, (record, problem) -> err.println("skipped a record at offset " + record.offset()
                    + " that is not an alert: " + problem.getMessage()));
        } finally {
            tail.close();
            done.countDown();
        }
        return ExitCodes.OK;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
