/**
 * Data exchange: a bureau's own survey files in (GDAL's ogr2ogr into a staging table, checks in SQL, an
 * all-or-nothing merge). Features plug in through {@link ImportProfile} beans (what a layer's fields are, how its
 * rows are checked and merged); this module knows no feature's table.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data exchange", allowedDependencies = {"platform", "security"})
package org.landatlas.exchange;
