/**
 * Land circulation: households, transferees, listings, contracts, disputes and idle facilities. What
 * the public may see is stated once in {@code CirculationPublicRows}; {@link ActiveContracts} is the one set of
 * contract statuses that count as active.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Land circulation", allowedDependencies = {"platform", "security", "tiles", "ogcapi", "plans", "region", "parcel", "demodata", "exchange"})
package org.landatlas.circulation;
