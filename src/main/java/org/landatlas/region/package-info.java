/**
 * Administrative units (county, township, village) and the infrastructure network (roads, settlements,
 * places). Its {@link AdminUnitQueries} is the API other modules use to check and describe units.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Region", allowedDependencies = {"platform", "security", "tiles", "ogcapi", "demodata", "exchange"})
package org.landatlas.region;
