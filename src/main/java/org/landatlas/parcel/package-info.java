/**
 * Land parcels, their tile overview, and farmland protection (high-standard farmland projects,
 * protection zones). {@link ParcelQueries} is its API for features that work on parcels.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Parcels and farmland protection", allowedDependencies = {"platform", "security", "tiles", "ogcapi", "plans", "region", "terrain", "demodata", "exchange"})
package org.landatlas.parcel;
