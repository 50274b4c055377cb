package io.faceflow.training.data;

import java.util.List;

/**
 * What happened to the files of an identity-folder dataset: how many were used and every skipped
 * file with its reason, so nothing is dropped silently.
 *
 * @param droppedIdentities identity folders none of whose images yielded a face
 */
public record PreparationReport(int files, int used, List<PreparedFace> rejected, List<String> droppedIdentities) {
    public PreparationReport {
        rejected = List.copyOf(rejected);
        droppedIdentities = List.copyOf(droppedIdentities);
    }

    /** One line for the console, e.g. "400 images, 396 used, 4 skipped (3 no face found, 1 2 faces found...)". */
    public String summary() {
        StringBuilder s = new StringBuilder(files + " images, " + used + " used, " + rejected.size() + " skipped");
        java.util.Map<String, Long> byReason = new java.util.TreeMap<>();
        for (PreparedFace r : rejected) {
            String reason = r.rejection().startsWith("unreadable") ? "unreadable" : r.rejection();
            byReason.merge(reason, 1L, Long::sum);
        }
        if (!byReason.isEmpty()) {
            s.append(" (");
            s.append(String.join(", ", byReason.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
            s.append(')');
        }
        if (!droppedIdentities.isEmpty()) {
            s.append("; identities without any usable image: ").append(droppedIdentities.size());
        }
        return s.toString();
    }
}
