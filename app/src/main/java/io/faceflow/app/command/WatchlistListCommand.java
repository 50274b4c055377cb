package io.faceflow.app.command;

import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.index.gallery.CropStore;
import io.faceflow.index.gallery.StoredIdentity;
import io.faceflow.index.gallery.Watchlists;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Each watchlist with the people on it, or the people on one watchlist (from the crop store).")
public final class WatchlistListCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "GROUP", description = "Only this watchlist.")
    String group;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (group != null) {
            Watchlists.requireGroup(group);
        }
        CropStore crops = gallery.crops();
        Map<String, List<StoredIdentity>> members = new TreeMap<>();
        for (String id : crops.identityIds()) {
            crops.identity(id).ifPresent(person -> Watchlists.of(person.metadata()).forEach(g ->
                    members.computeIfAbsent(g, k -> new ArrayList<>()).add(person)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (group != null) {
            for (StoredIdentity person : members.getOrDefault(group, List.of())) {
                out.printf("%s\t%s%n", person.identityId(), person.displayName());
            }
            return 0;
        }
        if (members.isEmpty()) {
            out.println("no watchlists: put people on one with `faceflow watchlist add GROUP ID...`");
        }
        members.forEach((g, people) -> out.printf("%s (%d): %s%n", g, people.size(),
                String.join(", ", people.stream().map(StoredIdentity::identityId).toList())));
        return 0;
    }
}
