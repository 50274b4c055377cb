package io.faceflow.index.gallery;

import java.util.List;

/**
 * Where a person was erased from: the model versions whose gallery held them, the crop store, the
 * sightings decided to be them (in every model version's sighting store), and the unknown-person
 * candidates with their id (a named candidate keeps its id as the person's).
 */
public record ForgetReport(String identityId, List<String> erasedFromVersions, boolean cropsRemoved, long sightingsErased,
                           long candidatesErased) {
    public ForgetReport {
        erasedFromVersions = List.copyOf(erasedFromVersions);
    }

    public boolean found() {
        return cropsRemoved || !erasedFromVersions.isEmpty() || sightingsErased > 0 || candidatesErased > 0;
    }
}
