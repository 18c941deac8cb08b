package org.landatlas.tiles;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.landatlas.platform.SqlWhere;

/** The filters of one tile request, checked against the layer's declarations; in name order, as they are applied. */
public final class TileFilters {

    private record Checked(TileFilter filter, Object value) {
    }

    private final Map<String, Checked> checked = new TreeMap<>();

    private TileFilters() {
    }

    /**
     * Checks each value of {@code request} (every name already known to {@code declared}) in name order; the first
     * bad one is refused naming its parameter.
     */
    static TileFilters check(Map<String, TileFilter> declared, Map<String, String> request) {
        TileFilters f = new TileFilters();
        new TreeMap<>(request).forEach((name, text) -> {
            TileFilter filter = declared.get(name);
            f.checked.put(name, new Checked(filter, filter.parse(name, text)));
        });
        return f;
    }

    public static TileFilters none() {
        return new TileFilters();
    }

    public Set<String> names() {
        return checked.keySet();
    }

    public boolean has(String name) {
        return checked.containsKey(name);
    }

    /** Whether every filter given is one of {@code names}. */
    public boolean onlyAmong(String... names) {
        return Arrays.asList(names).containsAll(checked.keySet());
    }

    /** Adds every filter's condition on its declared column, in name order. */
    public void applyAll(SqlWhere w) {
        checked.values().forEach(c -> c.filter().apply(w, c.value(), c.filter().column()));
    }

    /** Adds one filter's condition, if it was given, on another column (e.g. of a pre-aggregated table). */
    public void apply(String name, SqlWhere w, String column) {
        Checked c = checked.get(name);
        if (c != null) {
            c.filter().apply(w, c.value(), column);
        }
    }
}
