package io.faceflow.app.command;

import io.faceflow.app.cli.GalleryOptions;
import io.faceflow.index.gallery.ForgetReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Erase a person: their embeddings in every model version's collection, their stored face crops"
                + " and every sighting that was decided to be them.")
public final class ForgetCommand implements Callable<Integer> {
    @Option(names = "--person", required = true, paramLabel = "ID", description = "The person's id.")
    String person;

    @Mixin
    GalleryOptions gallery;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (GalleryOptions.OpenGallery opened = gallery.open()) {
            ForgetReport report = opened.manager().forget(person);
            if (!report.found()) {
                throw new IllegalArgumentException("no person '" + person + "' in " + opened.catalog().describe()
                        + " or its crop store: nothing was erased");
            }
            spec.commandLine().getOut().printf("forgot %s: erased from model versions %s; crops removed: %s;"
                    + " sightings erased: %d; unknown-person candidates erased: %d%n", person,
                    report.erasedFromVersions(), report.cropsRemoved(), report.sightingsErased(),
                    report.candidatesErased());
            return 0;
        }
    }
}
