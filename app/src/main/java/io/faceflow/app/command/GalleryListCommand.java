package io.faceflow.app.command;

import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.Json;
import io.faceflow.index.FaceIndex;
import io.faceflow.index.GalleryCatalog;
import io.faceflow.index.IdentitySummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The live model version, every model version held, and the enrolled people.")
public final class GalleryListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "One JSON document.")
    boolean json;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            GalleryCatalog catalog = opened.catalog();
            FaceIndex live = opened.manager().live();
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("live", live.modelVersion());
                doc.put("versions", catalog.modelVersions());
                doc.put("templates", live.templateCount());
                doc.put("identities", live.listIdentities());
                out.println(Json.line(doc));
            } else {
                out.printf("live model version: %s (versions held: %s)%n", live.modelVersion(), catalog.modelVersions());
                out.printf("%d people, %d templates%n", live.count(), live.templateCount());
                for (IdentitySummary s : live.listIdentities()) {
                    out.printf("  %-24s %-24s %d template(s)%n", s.identityId(), s.displayName(), s.templateCount());
                }
            }
        }
        out.flush();
        return 0;
    }
}
