/**
 * Vector tiles, TileJSON, the tile cache and its NOTIFY invalidation. Features plug in through
 * {@link TileSource} beans (usually {@link TableTileSource}); this module knows no feature's table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Vector tiles", allowedDependencies = {"platform", "security"})
package org.landatlas.tiles;
