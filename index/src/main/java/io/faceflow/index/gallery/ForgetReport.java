package io.faceflow.index.gallery;

import java.util.List;

/** Where a person was erased from: the model versions whose gallery held them, and the crop store. */
public record ForgetReport(String identityId, List<String> erasedFromVersions, boolean cropsRemoved) {
    public ForgetReport {
        erasedFromVersions = List.copyOf(erasedFromVersions);
    }

    public boolean found() {
        return cropsRemoved || !erasedFromVersions.isEmpty();
    }
}
