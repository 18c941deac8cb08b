package org.landatlas.tiles;

import java.util.Map;

import org.landatlas.platform.SqlWhere;

/**
 * The features of one tile, as SQL over a source's rows: the tiles module adds the tile envelope, the
 * bounding-box test on {@code indexedGeometry}, clipping and encoding.
 *
 * @param from            the FROM clause (rows aliased {@code t}, joins allowed)
 * @param geometry        the geometry drawn, in SRID 4490
 * @param indexedGeometry the indexed geometry tested against the tile's box (often the same column)
 * @param featureId       the MVT feature id, a bigint
 * @param attributes      attribute name to SQL, in tile order
 * @param where           the conditions and their parameters
 */
public record TileQuery(String from, String geometry, String indexedGeometry, String featureId, Map<String, String> attributes,
                        SqlWhere where) {
}
