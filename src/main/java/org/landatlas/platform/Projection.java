package org.landatlas.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;

/**
 * Turns the fields a GraphQL query selects on a type into a SQL select list, so that one statement fetches
 * exactly what was asked for: unrequested columns are never read, geometries are encoded as GeoJSON by PostGIS
 * with the requested simplification and precision, and nothing is converted twice. Rows come back as maps
 * keyed by field name, which graphql-java reads directly.
 */
public final class Projection {

    public static final int DEFAULT_PRECISION = 7;

    /** Projections by name, so a geometry missing from a row can be fetched later ({@link GeometryLoader}). */
    static final Map<String, Projection> BY_NAME = new java.util.concurrent.ConcurrentHashMap<>();

    private final String name;
    private final String table;
    private final String idSql;
    private final Map<String, String> scalars = new LinkedHashMap<>();
    private final Map<String, String> geometries = new LinkedHashMap<>();
    private final Set<String> keys = new LinkedHashSet<>();
    private final Set<String> perRequest = new LinkedHashSet<>();

    /** A projection of {@code table} (alias t) onto GraphQL type {@code name}, rows identified by {@code idSql}, e.g. "t.id". */
    public Projection(String name, String table, String idSql) {
        this.name = name;
        this.table = table;
        this.idSql = idSql;
        // A projection built per application context (one whose SQL depends on configuration) is registered again
        // by each context, e.g. the test contexts of one JVM; the newest wins. Two different things under one
        // type name are still refused.
        Projection other = BY_NAME.put(name, this);
        if (other != null && (!other.table.equals(table) || !other.idSql.equals(idSql))) {
            BY_NAME.put(name, other);
            throw new IllegalStateException("two projections named " + name + ": of " + other.table + " and of " + table);
        }
    }

    String table() {
        return table;
    }

    /** The GraphQL type of the rows (the projection's name), for __typename. */
    public String typeName() {
        return name;
    }

    String idSql() {
        return idSql;
    }

    String geometrySql(String field) {
        return geometries.get(field);
    }

    /** A field read from a SQL expression over the table alias {@code t}. */
    public Projection scalar(String field, String sql) {
        scalars.put(field, sql);
        return this;
    }

    /** A geometry field; {@code sql} yields a geometry in EPSG:4490. */
    public Projection geometry(String field, String sql) {
        geometries.put(field, sql);
        return this;
    }

    /** Fields always read because other fetchers (batch loaders, nested objects) need them. */
    public Projection key(String field, String sql) {
        scalars.put(field, sql);
        keys.add(field);
        return this;
    }

    /**
     * A field that the feature adds to the select list of some requests itself (e.g. the distance to a filter's
     * point), named here so that the schema inspection knows it is served.
     */
    public Projection perRequest(String field) {
        perRequest.add(field);
        return this;
    }

    public boolean has(String field) {
        return scalars.containsKey(field) || geometries.containsKey(field);
    }

    /** Whether rows of this projection can carry the field: its own, or one a request adds. */
    boolean serves(String field) {
        return has(field) || perRequest.contains(field);
    }

    /**
     * The select list for the fields selected under {@code path} (e.g. "edges/node" for a connection, "" for a
     * plain list), or for every scalar when {@code selection} is null.
     */
    public String selectList(DataFetchingFieldSelectionSet selection, String path) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> parts = new ArrayList<>();
        List<SelectedField> geometryFields = new ArrayList<>();
        boolean nested = selection == null;
        if (selection == null) {
            wanted.addAll(scalars.keySet());
        } else {
            for (SelectedField f : RenderedConnection.immediate(selection, path)) {
                if (scalars.containsKey(f.getName())) {
                    wanted.add(f.getName());
                } else if (geometries.containsKey(f.getName())) {
                    geometryFields.add(f);
                } else if (!f.getName().startsWith("__")) {
                    // An object field: batch loaders and lazy geometries need the row's keys.
                    nested = true;
                }
            }
        }
        if (nested) {
            parts.add("'" + name + "' AS \"" + GeometryLoader.PROJECTION + "\"");
            parts.add(idSql + " AS \"" + GeometryLoader.ROW_ID + "\"");
            wanted.addAll(keys);
        }
        for (String field : wanted) {
            parts.add(scalars.get(field) + " AS \"" + field + "\"");
        }
        for (SelectedField f : geometryFields) {
            parts.add(geoJson(geometries.get(f.getName()), f.getArguments(), f.getName()) + " AS \"" + f.getName() + "@" + f.getResultKey() + "\"");
        }
        if (parts.isEmpty()) {
            parts.add(idSql + " AS \"" + GeometryLoader.ROW_ID + "\"");
        }
        return String.join(", ", parts);
    }

    /** GeoJSON of a geometry expression with optional simplification (metres) and coordinate precision. */
    public static String geoJson(String geometrySql, Map<String, Object> args, String field) {
        int precision = DEFAULT_PRECISION;
        Object p = args.get("precision");
        if (p != null) {
            precision = ((Number) p).intValue();
            if (precision < 0 || precision > 15) {
                throw ApiException.badInput(field + ".precision", "must be between 0 and 15 decimal places, got " + precision);
            }
        }
        String g = geometrySql;
        Object s = args.get("simplify");
        if (s != null) {
            double metres = ((Number) s).doubleValue();
            if (metres < 0 || metres > 100_000 || Double.isNaN(metres)) {
                throw ApiException.badInput(field + ".simplify", "tolerance must be between 0 and 100000 metres, got " + metres);
            }
            if (metres > 0) {
                // Metres to degrees along the meridian: a conservative tolerance that never over-simplifies east-west.
                g = "ST_SimplifyPreserveTopology(" + g + ", " + (metres / 110_574.0) + ")";
            }
        }
        // options 0: no bbox and no "crs" member, as RFC 7946 requires.
        return "ST_AsGeoJSON(ST_ForcePolygonCCW(" + g + "), " + precision + ", 0)";
    }
}
