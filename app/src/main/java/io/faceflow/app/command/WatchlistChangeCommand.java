package io.faceflow.app.command;

import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.app.cli.RecognitionOptions;
import io.faceflow.core.embed.RecognitionModel;
import io.faceflow.index.IndexException;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.GalleryManager;
import io.faceflow.index.gallery.StoredIdentity;
import io.faceflow.index.gallery.Watchlists;
import io.faceflow.recognition.CropReembedder;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Puts people on a watchlist or takes them off: in the crop store and the live collection (whose
 * templates are re-embedded from the crops with the live model, as a rename does). Collections of
 * other model versions get the change when they are next rebuilt from the crops.
 */
public abstract class WatchlistChangeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "GROUP", description = "The watchlist (A-Z a-z 0-9 _ -).")
    String group;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "ID", description = "Enrolled people's ids.")
    List<String> people;

    @Mixin
    GalleryOptions gallery;

    @Mixin
    RecognitionOptions recognition;

    @Spec
    CommandSpec spec;

    /** The person's watchlists after this change. */
    abstract TreeSet<String> change(List<String> current);

    @Override
    public Integer call() {
        Watchlists.requireGroup(group);
        PrintWriter out = spec.commandLine().getOut();
        try (GalleryOptions.OpenGallery opened = gallery.open(); RecognitionModel model = recognition.load()) {
            GalleryManager manager = opened.manager();
            CropStore crops = manager.crops();
            // Every id is checked before anything changes, so a typo leaves the lists as they were.
            List<StoredIdentity> stored = people.stream().map(id -> crops.identity(id).orElseThrow(() ->
                    new IndexException("no person '" + id + "' in the crop store " + crops.root()
                            + ": `faceflow gallery list` shows who is enrolled; nothing was changed"))).toList();
            CropReembedder embedder = new CropReembedder(recognition.embedder(model));
            for (StoredIdentity person : stored) {
                List<String> current = Watchlists.of(person.metadata());
                TreeSet<String> next = change(current);
                if (!next.equals(new TreeSet<>(current))) {
                    manager.setWatchlists(person.identityId(), next, embedder);
                }
                out.printf("%s: on watchlists %s%n", person.identityId(), next.isEmpty() ? "(none)"
                        : String.join(", ", next));
            }
        }
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Put people on a watchlist.")
    public static final class Add extends WatchlistChangeCommand {
        @Override
        TreeSet<String> change(List<String> current) {
            TreeSet<String> next = new TreeSet<>(current);
            next.add(group);
            return next;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Take people off a watchlist.")
    public static final class Remove extends WatchlistChangeCommand {
        @Override
        TreeSet<String> change(List<String> current) {
            TreeSet<String> next = new TreeSet<>(current);
            next.remove(group);
            return next;
        }
    }
}
