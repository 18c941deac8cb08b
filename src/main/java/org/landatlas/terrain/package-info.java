/**
 * Relief (the DEM) and altitude belts. {@link BeltQueries} is its API for the features that describe
 * land by belt.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Terrain", allowedDependencies = {"platform", "security", "tiles", "demodata", "exchange"})
package org.landatlas.terrain;
