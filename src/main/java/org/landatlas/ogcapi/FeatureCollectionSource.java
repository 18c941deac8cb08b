package org.landatlas.ogcapi;

import java.util.Map;
import java.util.Optional;

import org.landatlas.platform.SqlWhere;
import org.landatlas.security.PublicRows;
import org.landatlas.security.Viewer;

/**
 * The one seam of an OGC API collection: a feature declares what rows it serves and how they read, in SQL over the
 * alias {@code t}; {@code /ogc} pages through them by keyset on {@link #idColumn()}, filters, reprojects and writes
 * them as GeoJSON. Usually built with {@link #builder}.
 */
public interface FeatureCollectionSource {

    /** Geometry kinds of a collection (single or multi-part), with the GeoJSON types its features may have. */
    enum GeometryType {
        POLYGON("Polygon, MultiPolygon"), LINE("LineString, MultiLineString"), POINT("Point, MultiPoint");

        private final String geoJson;

        GeometryType(String geoJson) {
            this.geoJson = geoJson;
        }

        public String geoJson() {
            return geoJson;
        }
    }

    /** Types of a property: how a filter value is parsed and what the OpenAPI document says. */
    enum Type { STRING, INTEGER, NUMBER, BOOLEAN, DATE }

    /** A property: its SQL (alias {@code t}, no user input), its type and a description. */
    record Property(String sql, Type type, String description) {
    }

    /**
     * Who may use a collection at all. {@code STAFF}: the collection does not exist for anyone else (absent from
     * {@code /ogc/collections} and the OpenAPI document, 404 on every path of it), and staff see only the rows of
     * their counties (administrators all), on top of any {@link #publicRows()}.
     */
    enum Audience {
        PUBLIC, STAFF;

        /** Whether {@code viewer} may see the collection at all. */
        public boolean admits(Viewer viewer) {
            return this == PUBLIC || !viewer.isPublic();
        }
    }

    /** Kind of the feature id: a bigint column or a text code (both ordered, unique). */
    enum IdType { LONG, STRING }

    /** The URL segment of the collection, its {@code id}: lower-case letters, digits, '_'. */
    String id();

    String title();

    String description();

    GeometryType geometryType();

    /** FROM clause, alias {@code t} for the rows (joins allowed when they keep one row per id). */
    String from();

    /** SQL of the feature id: unique, indexed, the keyset the pages are cut along. */
    String idColumn();

    IdType idType();

    /** The geometry column, SRID 4490. */
    String geometryColumn();

    /** Properties in output order; each can be used as an equality filter {@code ?name=value[,value…]}. */
    Map<String, Property> properties();

    /** A condition every row of the collection meets (no user input), or empty. */
    Optional<String> where();

    /** SQL (a date or timestamp) the {@code datetime} parameter is matched against, or empty when none. */
    Optional<String> temporal();

    /** Rows the public may see; empty when all rows are public. */
    Optional<PublicRows> publicRows();

    /** The county code column of a row: the Gauss-Kruger zones listed as CRSs are those of the counties served. */
    String countyColumn();

    /** Who may use the collection (default: everyone; rows still by {@link #publicRows()}). */
    default Audience audience() {
        return Audience.PUBLIC;
    }

    /**
     * Restricts {@code w} to the rows {@code viewer} may see: the collection's public rows, and for a staff-only
     * collection the viewer's counties. Every read of a collection (pages, single items, extents) goes through it.
     */
    default void restrict(SqlWhere w, Viewer viewer) {
        publicRows().ifPresent(r -> r.restrict(w, viewer));
        if (audience() == Audience.STAFF && !viewer.isAdmin()) {
            java.util.Collection<String> counties = viewer.staffCounties();
            // The public never gets here (the collection is 404 for it); an account without counties sees no row.
            w.and(counties == null || counties.isEmpty() ? "false" : countyColumn() + " IN (" + w.param(counties) + ")");
        }
    }

    /** A table collection declared like a tile layer. */
    static TableFeatureCollection.Builder builder(String id) {
        return new TableFeatureCollection.Builder(id);
    }
}
