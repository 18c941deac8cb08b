package org.landatlas.tiles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

import org.landatlas.platform.SqlWhere;
import org.landatlas.security.PublicRows;
import org.landatlas.security.Viewer;

/**
 * The usual tile source: the rows of a table (or a join) with a geometry column, some attributes (more from a
 * detail zoom on), filters on columns, an optional fixed condition and public rows. Features declare one with
 * {@link #builder}; a source with a special case (another table at low zooms, say) extends this class and
 * overrides {@link #query}.
 *
 * <p>Conditions come in a fixed order: the fixed condition, the public rows, the filters by name, then the drop
 * of polygons smaller than {@link Builder#minPixelArea a few pixels}.
 */
public class TableTileSource implements TileSource {

    private record Attribute(String name, String sql, int fromZoom) {
    }

    private final String name;
    private final String title;
    private final String description;
    private final GeometryType geometryType;
    private final String from;
    private final String geometry;
    private final int minZoom;
    private final int maxZoom;
    private final String featureId;
    private final List<Attribute> attributes;
    private final Map<String, TileFilter> filters;
    private final Set<String> invalidatedBy;
    private final String where;
    private final PublicRows publicRows;
    private final IntToDoubleFunction minPixelArea;

    protected TableTileSource(Builder b) {
        this.name = b.name;
        this.title = Objects.requireNonNull(b.title, "title of tile source " + b.name);
        this.description = Objects.requireNonNull(b.description, "description of tile source " + b.name);
        this.geometryType = Objects.requireNonNull(b.geometryType, "geometry of tile source " + b.name + " (polygons, lines or points)");
        this.from = b.from;
        this.geometry = b.geometry;
        this.minZoom = b.minZoom;
        this.maxZoom = b.maxZoom;
        this.featureId = b.featureId;
        this.attributes = List.copyOf(b.attributes);
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
        this.invalidatedBy = Collections.unmodifiableSet(new LinkedHashSet<>(b.invalidatedBy));
        this.where = b.where;
        this.publicRows = b.publicRows;
        this.minPixelArea = b.minPixelArea;
        if (minZoom < 0 || maxZoom > TileMath.MAX_ZOOM || minZoom > maxZoom) {
            throw new IllegalArgumentException("tile source " + name + ": zooms " + minZoom + "–" + maxZoom + " are not within 0–" + TileMath.MAX_ZOOM);
        }
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("tile source " + name + " has no attributes");
        }
    }

    /** A source named {@code name} (its URL segment and MVT layer name). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public GeometryType geometryType() {
        return geometryType;
    }

    @Override
    public int minZoom() {
        return minZoom;
    }

    @Override
    public int maxZoom() {
        return maxZoom;
    }

    @Override
    public List<String> fields() {
        return List.copyOf(attributesAt(maxZoom).keySet());
    }

    @Override
    public Map<String, TileFilter> filters() {
        return filters;
    }

    @Override
    public Set<String> invalidatedBy() {
        return invalidatedBy;
    }

    @Override
    public Optional<PublicRows> publicRows() {
        return Optional.ofNullable(publicRows);
    }

    /** Attribute name to SQL at zoom {@code z}: those declared for every zoom, then the details from their zoom on. */
    public Map<String, String> attributesAt(int z) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Attribute a : attributes) {
            if (z >= a.fromZoom()) {
                m.put(a.name(), a.sql());
            }
        }
        return m;
    }

    @Override
    public TileQuery query(int z, TileFilters filters, Viewer viewer) {
        SqlWhere w = new SqlWhere();
        if (where != null) {
            w.and(where);
        }
        if (publicRows != null) {
            publicRows.restrict(w, viewer);
        }
        filters.applyAll(w);
        // Below a pixel a polygon shows nothing but costs bytes.
        double pixelDeg = 360.0 / Math.pow(2, z) / 256;
        double minPixels = minPixelArea.applyAsDouble(z);
        if (minPixels > 0 && geometryType == GeometryType.POLYGON) {
            w.and("ST_Area(" + geometry + ") > " + w.param(minPixels * pixelDeg * pixelDeg));
        }
        return new TileQuery(from, geometry, geometry, featureId, attributesAt(z), w);
    }

    /** Declares a {@link TableTileSource}; every SQL text uses the alias {@code t} for the source's rows. */
    public static final class Builder {

        private final String name;
        private String title;
        private String description;
        private GeometryType geometryType;
        private String from;
        private String geometry;
        private int minZoom = 0;
        private int maxZoom = TileMath.MAX_ZOOM;
        private String featureId = "t.id";
        private final List<Attribute> attributes = new ArrayList<>();
        private final Map<String, TileFilter> filters = new LinkedHashMap<>();
        private final Set<String> invalidatedBy = new LinkedHashSet<>();
        private String where;
        private PublicRows publicRows;
        private IntToDoubleFunction minPixelArea = z -> 0;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("a tile source's name is lower-case letters, digits and '_', got " + name);
            }
            this.name = name;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Polygons: {@code from} is the FROM clause (alias {@code t}), {@code geometry} the column drawn (SRID 4490). */
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

        /** The zooms with features (default 0–22); outside them tiles are empty. */
        public Builder zooms(int min, int max) {
            this.minZoom = min;
            this.maxZoom = max;
            return this;
        }

        /** SQL of the MVT feature id, a bigint (default {@code t.id}). */
        public Builder featureId(String sql) {
            this.featureId = sql;
            return this;
        }

        /** An attribute at every zoom; attributes keep the order they are declared in. */
        public Builder attribute(String name, String sql) {
            return attributeFrom(0, name, sql);
        }

        /** An attribute from zoom {@code zoom} on (details that only close zooms need). */
        public Builder attributeFrom(int zoom, String name, String sql) {
            if (attributes.stream().anyMatch(a -> a.name().equals(name))) {
                throw new IllegalArgumentException("tile source " + this.name + " declares attribute " + name + " twice");
            }
            attributes.add(new Attribute(name, sql, zoom));
            return this;
        }

        /** A query parameter; the catalogue lists them in the order declared. */
        public Builder filter(String name, TileFilter filter) {
            if (filters.putIfAbsent(name, filter) != null) {
                throw new IllegalArgumentException("tile source " + this.name + " declares filter " + name + " twice");
            }
            return this;
        }

        /** A condition every row of the layer meets (no user input in it). */
        public Builder where(String condition) {
            this.where = condition;
            return this;
        }

        /** Tables whose change notifications make this layer's tiles under the change stale. */
        public Builder invalidatedBy(String... tables) {
            invalidatedBy.addAll(List.of(tables));
            return this;
        }

        /** The layer holds rows only staff see; the public sees these. */
        public Builder publicRows(PublicRows rows) {
            this.publicRows = rows;
            return this;
        }

        /** Polygons smaller than this many square pixels are left out of tiles. */
        public Builder minPixelArea(double pixels) {
            return minPixelArea(z -> pixels);
        }

        /** Polygons smaller than {@code pixels.applyAsDouble(z)} square pixels are left out of tiles at zoom z. */
        public Builder minPixelArea(IntToDoubleFunction pixels) {
            this.minPixelArea = pixels;
            return this;
        }

        public TableTileSource build() {
            return new TableTileSource(this);
        }
    }
}
