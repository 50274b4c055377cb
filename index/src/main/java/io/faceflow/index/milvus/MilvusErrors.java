package io.faceflow.index.milvus;

import io.faceflow.index.IndexException;
import java.util.Locale;

/** Turns SDK exceptions into errors that say what failed and what to do. */
final class MilvusErrors {
    private MilvusErrors() {}

    static boolean isAuthFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("unauthenticated") || m.contains("auth") && (m.contains("fail") || m.contains("invalid"))
                    || m.contains("permission denied") || m.contains("privilege")) {
                return true;
            }
        }
        return false;
    }

    /** The server lacks this call (Milvus Lite implements a subset of the API). */
    static boolean isUnimplemented(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("UNIMPLEMENTED")) {
                return true;
            }
        }
        return false;
    }

    static boolean isMissingCollection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("collection") && (m.contains("not exist") || m.contains("not found"))) {
                return true;
            }
        }
        return false;
    }

    static IndexException translate(String what, String server, RuntimeException e) {
        if (e instanceof IndexException ie) {
            return ie;
        }
        if (isAuthFailure(e)) {
            return new IndexException(what + " on " + server + " was refused (authentication): set MILVUS_TOKEN (or"
                    + " MILVUS_TOKEN_FILE, a file holding it) to 'user:password' or an API key with access to this"
                    + " database (" + e.getMessage() + ")", e);
        }
        if (isMissingCollection(e)) {
            return new IndexException(what + " on " + server + " failed: the collection does not exist (" + e.getMessage()
                    + "); enrol into it first, or check the collection prefix and model version", e);
        }
        if (Retry.isTransient(e)) {
            return new IndexException(what + " on " + server + " failed after retries: the server is unreachable or"
                    + " overloaded (" + e.getMessage() + "); check that Milvus runs and the URI is right", e);
        }
        return new IndexException(what + " on " + server + " failed: " + e.getMessage(), e);
    }
}
