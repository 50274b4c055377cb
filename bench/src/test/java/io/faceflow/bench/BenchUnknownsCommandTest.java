package io.faceflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faceflow.core.fetch.PretrainedRecognizer;
import io.faceflow.testkit.TestResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * {@code faceflow bench unknowns} on a few held-out people with the real detector and recogniser:
 * the figures it prints are in range and agree with each other and with the extremes.
 */
class BenchUnknownsCommandTest {
    private static final Pattern HEADER = Pattern.compile("(\\d+) people, (\\d+) visits");
    private static final Pattern ROW = Pattern.compile(
            "^(-?\\d+\\.\\d+)\\s+(\\d+)\\s+(\\d+\\.\\d+)\\s+(\\d+\\.\\d+)\\s+(\\d+)\\s+(\\d+\\.\\d+).*$", Pattern.MULTILINE);

    record Row(double threshold, int candidates, double purity, double completeness, int merged, double msPerEvent) {}

    @TempDir
    Path dir;

    @Test
    void theFiguresAreInRangeAndConsistentFromNoJoinToAllJoined() throws Exception {
        Path bundle = PretrainedRecognizer.fromLocalCopy(TestResources.pretrainedRecognizer(), dir.resolve("fr"));
        BenchCommandTest.Run run = BenchCommandTest.run("bench", "unknowns", "--data",
                TestResources.testData().toString(), "--models-dir", TestResources.models().toString(), "--model",
                bundle.toString(), "--device", "cpu", "--orl", "3", "--sitcom", "2", "--yale", "1", "--visits", "2",
                "--photos-per-visit", "2", "--thresholds", "1.0,0.3843,-0.99", "--figure",
                dir.resolve("clustering.svg").toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher header = HEADER.matcher(run.out());
        assertTrue(header.find(), run.out());
        int people = Integer.parseInt(header.group(1));
        int visits = Integer.parseInt(header.group(2));
        assertEquals(6, people, run.out());
        assertTrue(visits > people && visits <= 2 * people, "two visits each, less any photo without a face: "
                + run.out());
        List<Row> rows = new ArrayList<>();
        for (Matcher m = ROW.matcher(run.out()); m.find(); ) {
            rows.add(new Row(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Integer.parseInt(m.group(5)),
                    Double.parseDouble(m.group(6))));
        }
        assertEquals(3, rows.size(), run.out());
        for (Row r : rows) {
            assertTrue(r.candidates() >= 1 && r.candidates() <= visits, r.toString());
            assertTrue(r.purity() > 0 && r.purity() <= 1 && r.completeness() > 0 && r.completeness() <= 1,
                    r.toString());
            assertTrue(r.merged() <= r.candidates(), r.toString());
            assertTrue(r.msPerEvent() > 0, "each event costs a search and a save: " + r);
            assertEquals(r.merged() == 0, r.purity() == 1.0, "pure exactly when no candidate holds two people: " + r);
        }
        Row none = rows.get(0);
        assertEquals(visits, none.candidates(), "at cosine 1 no visit joins another");
        assertEquals((double) people / visits, none.completeness(), 0.0015, "each person's largest candidate is one"
                + " visit");
        Row all = rows.get(2);
        assertEquals(1, all.candidates(), "at -0.99 every visit joins the first");
        assertEquals(1, all.merged());
        assertEquals(1.0, all.completeness());
        Row decision = rows.get(1);
        assertTrue(decision.purity() >= 0.8, "at the decision threshold strangers are rarely merged: " + decision);

        // The figure draws the same rows: one point per threshold and score, the merges written beside.
        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("clustering.svg").toFile());
        assertEquals(2 * rows.size(), svg.getElementsByTagName("circle").getLength());
        assertEquals(2, svg.getElementsByTagName("polyline").getLength());
        assertTrue(Files.readString(dir.resolve("clustering.svg")).contains(">1 merged<"), "the all-joined point");
    }
}
