package org.landatlas.tiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.landatlas.security.PublicRows;
import org.landatlas.security.Viewer;

/**
 * One vector-tile layer, as the tiles module sees every layer: what it is called and shows, at which zooms, which
 * query filters it accepts, which tables' changes make its cached tiles stale, and how to select its features
 * for a tile. The tiles module clips, encodes, caches and serves; it knows no feature's tables.
 *
 * <p>A feature declares its layers as Spring beans in its own package, most of them with {@link TableTileSource}.
 * The catalogue ({@code /tiles}) lists them in {@link org.springframework.core.annotation.Order @Order}; the
 * features use steps of 100 so that a new layer can go between two others.
 */
public interface TileSource {

    enum GeometryType {
        POLYGON, LINE, POINT;

        /** As the catalogue writes it: polygon, line, point. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The layer's name in URLs and in the tiles (MVT layer name). */
    String name();

    String title();

    String description();

    GeometryType geometryType();

    int minZoom();

    int maxZoom();

    /** The attributes of the layer's features at its most detailed zoom, in tile order (TileJSON fields). */
    List<String> fields();

    /** Query parameters the layer accepts, by name, in the order the catalogue lists them. */
    Map<String, TileFilter> filters();

    /** Tables whose change notifications drop this layer's cached tiles under the change. */
    Set<String> invalidatedBy();

    /**
     * What the public may see, for layers that also hold rows only staff see. Such layers are cached per kind of
     * viewer and served as private to HTTP caches.
     */
    Optional<PublicRows> publicRows();

    /**
     * The features of a tile at zoom {@code z} (within the layer's zooms), for {@code viewer}, with {@code filters}
     * already checked against {@link #filters()}.
     */
    TileQuery query(int z, TileFilters filters, Viewer viewer);
}
