/**
 * OGC API – Features, Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and Part 2 (CRS by reference), read-only, under
 * {@code /ogc}: the door for GIS desktops (GDAL's OAPIF driver, QGIS, ArcGIS Pro). Features plug in through
 * {@link org.landatlas.ogcapi.FeatureCollectionSource} beans; this module knows no feature's table. Who sees which
 * rows is the features' {@link org.landatlas.security.PublicRows}, as for tiles and GraphQL.
 */
@org.springframework.modulith.ApplicationModule(displayName = "OGC API – Features", allowedDependencies = {"platform", "security"})
package org.landatlas.ogcapi;
