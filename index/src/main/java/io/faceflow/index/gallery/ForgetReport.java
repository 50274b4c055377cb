package io.faceflow.index.gallery;

import java.util.List;

/**
 * Where a person was erased from: the model versions whose gallery held them, the crop store, and
 * the sightings decided to be them (in every model version's sighting store).
 */
public record ForgetReport(String identityId, List<String> erasedFromVersions, boolean cropsRemoved, long sightingsErased) {
    public ForgetReport {
        erasedFromVersions = List.copyOf(erasedFromVersions);
    }

    public boolean found() {
        return cropsRemoved || !erasedFromVersions.isEmpty() || sightingsErased > 0;
    }
}
