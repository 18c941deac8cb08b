package org.landatlas.tiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One vector-tile layer: where its features come from, which attributes it carries (by zoom), which query
 * filters it accepts, and which database table's changes invalidate its cached tiles.
 */
record TileLayer(
        String name,
        String title,
        String description,
        String geometryType,
        String from,
        String geomColumn,
        int minZoom,
        int maxZoom,
        Map<String, String> attributes,
        Map<String, String> detailAttributes,
        int detailFromZoom,
        Map<String, Filter> filters,
        String sourceTable,
        String where,
        double minPixelArea) {

    /** A query parameter: enum values (comma-separated), a boolean, or an administrative code prefix. */
    record Filter(String column, Kind kind, Set<String> values) {
        enum Kind { VALUES, BOOLEAN, ADMIN_CODE }

        static Filter values(String column, String... allowed) {
            return new Filter(column, Kind.VALUES, Set.of(allowed));
        }

        static Filter bool(String column) {
            return new Filter(column, Kind.BOOLEAN, Set.of());
        }

        static Filter adminCode(String villageColumn) {
            return new Filter(villageColumn, Kind.ADMIN_CODE, Set.of());
        }
    }

    /** Attribute select list for a zoom: the basic set, plus details from detailFromZoom on. */
    Map<String, String> attributesAt(int z) {
        if (z < detailFromZoom || detailAttributes.isEmpty()) {
            return attributes;
        }
        Map<String, String> all = new LinkedHashMap<>(attributes);
        all.putAll(detailAttributes);
        return all;
    }

    List<String> fieldNames() {
        return List.copyOf(attributesAt(maxZoom).keySet());
    }
}
