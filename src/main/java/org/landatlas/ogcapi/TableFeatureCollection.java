package org.landatlas.ogcapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.landatlas.security.PublicRows;

/** The usual {@link FeatureCollectionSource}: rows of a table (or a join), declared through {@link Builder}. */
public record TableFeatureCollection(String id, String title, String description, GeometryType geometryType, String from, String idColumn,
                                     IdType idType, String geometryColumn, Map<String, Property> properties, Optional<String> where,
                                     Optional<String> temporal, Optional<PublicRows> publicRows, String countyColumn, Audience audience)
        implements FeatureCollectionSource {

    /** Query parameters of the items resource: a property of this name could never be filtered on. */
    static final Set<String> RESERVED = Set.of("f", "limit", "bbox", "bbox-crs", "crs", "datetime", "cursor");

    public static final class Builder {

        private final String id;
        private String title;
        private String description;
        private GeometryType geometryType;
        private String from;
        private String geometry;
        private String idColumn = "t.id";
        private IdType idType = IdType.LONG;
        private final Map<String, Property> properties = new LinkedHashMap<>();
        private String where;
        private String temporal;
        private PublicRows publicRows;
        private String countyColumn = "t.county_code";
        private Audience audience = Audience.PUBLIC;

        Builder(String id) {
            if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("a collection id is lower-case letters, digits and '_', got " + id);
            }
            this.id = id;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder polygons(String from, String geometry) {
            return geometry(GeometryType.POLYGON, from, geometry);
        }

        public Builder lines(String from, String geometry) {
            return geometry(GeometryType.LINE, from, geometry);
        }

        public Builder points(String from, String geometry) {
            return geometry(GeometryType.POINT, from, geometry);
        }

        private Builder geometry(GeometryType type, String from, String geometry) {
            this.geometryType = type;
            this.from = Objects.requireNonNull(from);
            this.geometry = Objects.requireNonNull(geometry);
            return this;
        }

        /** The feature id (default {@code t.id}, a bigint). */
        public Builder id(String sql, IdType type) {
            this.idColumn = sql;
            this.idType = type;
            return this;
        }

        public Builder property(String name, String sql, Type type, String description) {
            if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]*") || RESERVED.contains(name)) {
                throw new IllegalArgumentException("collection " + id + ": property name '" + name + "' is not a plain name or is a query parameter");
            }
            if (properties.putIfAbsent(name, new Property(sql, type, description)) != null) {
                throw new IllegalArgumentException("collection " + id + " declares property " + name + " twice");
            }
            return this;
        }

        public Builder where(String condition) {
            this.where = condition;
            return this;
        }

        /** The date or timestamp the {@code datetime} parameter filters on. */
        public Builder temporal(String sql) {
            this.temporal = sql;
            return this;
        }

        public Builder publicRows(PublicRows rows) {
            this.publicRows = rows;
            return this;
        }

        /**
         * Staff only: hidden from the public everywhere in {@code /ogc}; staff see the rows of their counties
         * (by {@link #countyColumn}), administrators all.
         */
        public Builder staffOnly() {
            this.audience = Audience.STAFF;
            return this;
        }

        /** The county code column (default {@code t.county_code}). */
        public Builder countyColumn(String sql) {
            this.countyColumn = sql;
            return this;
        }

        public TableFeatureCollection build() {
            if (properties.isEmpty()) {
                throw new IllegalArgumentException("collection " + id + " has no properties");
            }
            // JSON object of the properties is built by json_build_object, which takes at most 100 arguments.
            if (properties.size() > 50) {
                throw new IllegalArgumentException("collection " + id + " has more than 50 properties");
            }
            return new TableFeatureCollection(id, Objects.requireNonNull(title, "title of collection " + id),
                    Objects.requireNonNull(description, "description of collection " + id),
                    Objects.requireNonNull(geometryType, "geometry of collection " + id + " (polygons, lines or points)"),
                    from, idColumn, idType, geometry, Collections.unmodifiableMap(new LinkedHashMap<>(properties)), Optional.ofNullable(where),
                    Optional.ofNullable(temporal), Optional.ofNullable(publicRows), countyColumn, audience);
        }
    }
}
