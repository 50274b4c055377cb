package io.faceflow.index.gallery;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Watchlists: named groups of identities, kept with each identity as the metadata value
 * {@value #METADATA_KEY} (group names, sorted, comma-separated). Searches return metadata with
 * every hit, so whoever decides on a face sees its groups without another lookup. A group name also
 * names a Kafka topic ({@code faceflow.matches.<group>}), hence the restricted alphabet.
 */
public final class Watchlists {
    public static final String METADATA_KEY = "watchlists";
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private Watchlists() {}

    /** Checks a group name; returns it. */
    public static String requireGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new IllegalArgumentException("watchlist name '" + group + "' is not valid: use 1 to 64 characters"
                    + " from A-Z a-z 0-9 _ - starting with a letter or digit (it also names a Kafka topic)");
        }
        return group;
    }

    /** Group names from a comma-separated list (blank: none), checked, sorted and without repeats. */
    public static List<String> parse(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return sorted(Arrays.stream(commaSeparated.split(",")).map(String::trim).toList());
    }

    /** The groups recorded in an identity's metadata, sorted; empty when it has none. */
    public static List<String> of(Map<String, String> metadata) {
        return metadata == null ? List.of() : parse(metadata.get(METADATA_KEY));
    }

    /** {@code metadata} with its groups replaced by {@code groups}; the key is left out when there are none. */
    public static Map<String, String> withGroups(Map<String, String> metadata, Collection<String> groups) {
        Map<String, String> out = new HashMap<>(metadata);
        List<String> sorted = sorted(groups);
        if (sorted.isEmpty()) {
            out.remove(METADATA_KEY);
        } else {
            out.put(METADATA_KEY, String.join(",", sorted));
        }
        return Map.copyOf(out);
    }

    private static List<String> sorted(Collection<String> groups) {
        TreeSet<String> set = new TreeSet<>();
        groups.forEach(g -> set.add(requireGroup(g)));
        return List.copyOf(set);
    }
}
