package org.landatlas.platform;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Batch-mapping results keyed by their source objects; sources without a value are left out (null in GraphQL). */
public final class Batches {

    private Batches() {
    }

    public static <K, V> Map<K, V> bySource(List<K> sources, List<V> values) {
        // Identity: the DataLoader hands back the very source objects, and row maps are costly to hash.
        Map<K, V> out = new IdentityHashMap<>(sources.size() * 2);
        for (int i = 0; i < sources.size(); i++) {
            if (values.get(i) != null) {
                out.put(sources.get(i), values.get(i));
            }
        }
        return out;
    }
}
