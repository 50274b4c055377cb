package io.faceflow.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of changes made through the console, on the logger {@code faceflow.audit}: who,
 * what, from where. The time is the log line's. Person ids appear (what was changed); never a face
 * image, an embedding or a display name.
 */
final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger("faceflow.audit");

    private Audit() {}

    static void record(String user, String remote, String action, String detail) {
        LOG.info("user={} from={} action={}{}", user, remote, action, detail.isEmpty() ? "" : " " + detail);
    }
}
