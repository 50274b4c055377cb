package io.faceflow.app.demo;

import io.faceflow.contract.message.MatchAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's HTML report: every alert with the face from the frame beside the person's enrolled
 * photo, and a timeline per person. One self-contained file (images inline as data: URIs, no
 * scripts, fonts or styles from elsewhere) that opens offline; it holds faces, so it stays in the
 * run folder unless the user moves it.
 */
public final class DemoReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** An alert as the demo received it. */
    public record Entry(MatchAlert alert, long seenAtMs) {}

    private DemoReport() {}

    /**
     * @param enrolled each person's enrolled face crop (encoded image), for the side-by-side view
     */
    static void write(Path file, DemoSettings settings, List<Entry> alerts, Map<String, byte[]> enrolled,
            DemoTally tally, long startMs, long endMs) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>faceflow demo report</title><style>").append(STYLE).append("</style></head><body>\n")
                .append("<h1>faceflow demo report</h1>\n<p class=\"meta\">")
                .append(escape(DATE_TIME.format(Instant.ofEpochMilli(startMs)))).append(" to ")
                .append(escape(DATE_TIME.format(Instant.ofEpochMilli(endMs)))).append(" &middot; camera <b>")
                .append(escape(settings.cameraId())).append("</b> (").append(escape(settings.cameraUrl()))
                .append(") &middot; gallery ").append(escape(settings.gallery().toString())).append("</p>\n<p class=\"meta\">")
                .append(escape(tally.line())).append("</p>\n");
        timelines(html, alerts, startMs, endMs);
        table(html, alerts, enrolled);
        html.append("</body></html>\n");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
    }

    private static void timelines(StringBuilder html, List<Entry> alerts, long startMs, long endMs) {
        html.append("<h2>Who was seen when</h2>\n");
        if (alerts.isEmpty()) {
            html.append("<p>No alert in this run.</p>\n");
            return;
        }
        Map<String, List<Entry>> byPerson = new TreeMap<>();
        for (Entry e : alerts) {
            byPerson.computeIfAbsent(e.alert().identityId(), k -> new ArrayList<>()).add(e);
        }
        double span = Math.max(1, endMs - startMs);
        html.append("<table class=\"timeline\">\n");
        for (Map.Entry<String, List<Entry>> person : byPerson.entrySet()) {
            html.append("<tr><th>").append(escape(person.getKey())).append(" (").append(person.getValue().size())
                    .append(")</th><td><div class=\"track\">");
            for (Entry e : person.getValue()) {
                double at = Math.min(100, Math.max(0, 100 * (e.alert().captureTimeMs() - startMs) / span));
                html.append(String.format(Locale.ROOT, "<span class=\"mark\" style=\"left:%.2f%%\" title=\"%s, %s,"
                                + " score %.3f\"></span>", at, escape(TIME.format(Instant.ofEpochMilli(e.alert().captureTimeMs()))),
                        escape(e.alert().cameraId()), e.alert().score()));
            }
            html.append("</div></td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** How long a track's person was seen when it was alerted; one frame without tracks. */
    static String seen(MatchAlert a) {
        if (a.trackId() == null) {
            return "one frame";
        }
        return String.format(Locale.ROOT, "%.1f s, %d face(s) used (track %s; the thumbnail is its best face)",
                (a.lastSeenMs() - a.firstSeenMs()) / 1000.0, a.facesUsed(), a.trackId());
    }

    private static void table(StringBuilder html, List<Entry> alerts, Map<String, byte[]> enrolled) {
        html.append("<h2>Alerts</h2>\n<table class=\"alerts\"><tr><th>time</th><th>person</th><th>camera</th>")
                .append("<th>score</th><th>after capture</th><th>face in the frame</th><th>enrolled photo</th>")
                .append("<th>seen</th></tr>\n");
        for (Entry e : alerts) {
            MatchAlert a = e.alert();
            html.append("<tr><td>").append(escape(TIME.format(Instant.ofEpochMilli(a.captureTimeMs()))))
                    .append("</td><td>").append(escape(a.displayName() == null ? a.identityId() : a.displayName()))
                    .append("</td><td>").append(escape(a.cameraId()))
                    .append(String.format(Locale.ROOT, "</td><td>%.3f <small>(&ge; %.3f)</small></td><td>%d ms</td><td>",
                            a.score(), a.threshold(), e.seenAtMs() - a.captureTimeMs()))
                    .append(a.thumbnail() == null ? "<i>no thumbnail</i>"
                            : image("data:image/jpeg;base64," + a.thumbnail(), "face of " + a.identityId() + " in the frame"))
                    .append("</td><td>");
            byte[] photo = enrolled.get(a.identityId());
            html.append(photo == null ? "<i>not available</i>"
                    : image(dataUri(photo), "enrolled photo of " + a.identityId()));
            html.append("</td><td>").append(escape(seen(a))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static String image(String src, String alt) {
        return "<img src=\"" + src + "\" alt=\"" + escape(alt) + "\">";
    }

    static String dataUri(byte[] encoded) {
        boolean png = encoded.length > 3 && (encoded[0] & 0xff) == 0x89 && encoded[1] == 'P' && encoded[2] == 'N';
        return "data:image/" + (png ? "png" : "jpeg") + ";base64," + Base64.getEncoder().encodeToString(encoded);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = String.join("\n",
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222}",
            ".meta{color:#555}",
            "table{border-collapse:collapse}",
            ".alerts td,.alerts th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}",
            ".alerts img{width:96px;height:96px;object-fit:cover;border-radius:4px}",
            ".timeline th{text-align:right;padding-right:10px;font-weight:normal;white-space:nowrap}",
            ".timeline td{width:70vw}",
            ".track{position:relative;height:16px;background:#f0f0f0;border-radius:3px}",
            ".mark{position:absolute;top:2px;width:4px;height:12px;background:#c0392b;border-radius:1px}");
}
