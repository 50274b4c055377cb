package io.faceflow.app.command;

import io.faceflow.app.alerts.AlertFinder;
import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.IsoDuration;
import io.faceflow.app.cli.KafkaClientOptions;
import io.faceflow.contract.message.MatchAlert;
import io.faceflow.index.Ids;
import io.faceflow.index.gallery.NegativeStore;
import io.faceflow.recognition.AlertCorrection;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "correct", mixinStandardHelpOptions = true,
        description = {"Correct an alert. With --not, the face it showed is not the person it named: the face is kept",
            "as a negative of that person beside their enrolled crops. Negatives never become templates; they show",
            "how close strangers come (`faceflow corrections report`). The alert is looked up on faceflow.matches."})
public final class CorrectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ALERT_ID", description = "The alert's id (alertId in its JSON).")
    String alertId;

    @Option(names = "--not", required = true,
            description = "The face is not the person the alert named.")
    boolean not;

    @Option(names = "--by", paramLabel = "NAME", description = "Who makes the correction (default: this account's user name).")
    String by;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "P7D", converter = IsoDuration.class,
            description = "How far back to look for the alert, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration since;

    @Mixin
    KafkaClientOptions kafka;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Ids.requireId("alert id", alertId);
        kafka.requiredBootstrap(spec);
        kafka.checkAccess(kafka.client());
        String who = by != null && !by.isBlank() ? by.trim() : System.getProperty("user.name");
        long now = System.currentTimeMillis();
        MatchAlert alert = AlertFinder.find(kafka.client(), alertId, now - since.toMillis()).orElseThrow(() ->
                new IllegalArgumentException("no alert '" + alertId + "' on faceflow.matches at " + kafka.bootstrap()
                        + " in the last " + since + ": check the id (`faceflow alerts --json` shows them) or look"
                        + " further back with --since P30D"));
        boolean stored = AlertCorrection.notThisPerson(new NegativeStore(gallery.crops()), alert, who, now);
        PrintWriter out = spec.commandLine().getOut();
        if (stored) {
            out.printf(Locale.ROOT, "stored the face of alert %s as a negative of %s (%s): camera %s at %s, score %.3f"
                    + " (threshold %.3f), model %s; by %s%n", alert.alertId(), alert.identityId(), alert.displayName(),
                    alert.cameraId(), Instant.ofEpochMilli(alert.captureTimeMs()), alert.score(), alert.threshold(),
                    alert.modelVersion(), who);
        } else {
            out.printf("alert %s was already corrected as not %s: nothing changed%n", alert.alertId(),
                    alert.identityId());
        }
        return 0;
    }
}
