package org.landatlas.tiles;

/** The area the tiles cover, for TileJSON's bounds and centre; the feature that knows the area provides it. */
public interface TileBounds {

    /** [minLon, minLat, maxLon, maxLat] in degrees. */
    double[] bounds();
}
