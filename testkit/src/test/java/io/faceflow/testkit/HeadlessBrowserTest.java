package io.faceflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessBrowserTest {
    // A 1x1 PNG.
    private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @Test
    void tellsRenderedImagesFromBrokenOnes(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("page.html");
        Files.writeString(page, "<html><body>"
                + "<img alt='good' src='data:image/png;base64," + PIXEL + "'>"
                + "<img alt='broken' src='data:image/jpeg;base64,AAAA'>"
                + "<img alt='missing' src='nowhere.jpg'>"
                + "</body></html>");
        try (HeadlessBrowser browser = HeadlessBrowser.start()) {
            browser.open(page.toUri().toString());
            assertEquals(3, browser.awaitAtLeast("img", 3, java.time.Duration.ofSeconds(5)).size());
            assertEquals(List.of("broken", "missing"), browser.brokenImages());
            Path shot = browser.screenshot(dir.resolve("shot.png"));
            assertTrue(Files.size(shot) > 0);
        }
    }
}
