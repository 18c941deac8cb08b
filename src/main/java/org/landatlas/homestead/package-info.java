/**
 * Rural homesteads, their houses and revitalization. What the public may see is stated once in
 * {@code HomesteadPublicRows}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Homesteads", allowedDependencies = {"platform", "security", "tiles", "ogcapi", "plans", "region", "parcel", "demodata", "exchange"})
package org.landatlas.homestead;
