package io.faceflow.core.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one place that turns an architecture name (command line, bundle manifest) into a {@link Backbone}. */
public final class Backbones {
    private Backbones() {}

    /** Every architecture faceflow can build, in the order help texts list them. */
    public static List<Backbone> all() {
        List<Backbone> all = new ArrayList<>(List.of(IResNetArch.values()));
        all.add(MobileFaceNet.ARCH);
        return all;
    }

    public static Backbone parse(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Backbone b : all()) {
            if (b.id().equals(wanted)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "'; expected one of " + names());
    }

    /** The architecture names, comma-separated, for help texts and errors. */
    public static String names() {
        return String.join(", ", all().stream().map(Backbone::id).toList());
    }

    /**
     * Learnable parameters, counted the way PyTorch's {@code parameters()} does: running BN
     * statistics are state, not parameters; frozen parameters are counted.
     */
    public static long countParameters(Block backbone) {
        long total = 0;
        for (var entry : backbone.getParameters()) {
            Parameter p = entry.getValue();
            if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                total += p.getShape().size();
            }
        }
        return total;
    }
}
