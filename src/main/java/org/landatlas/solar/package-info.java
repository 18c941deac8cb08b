/**
 * Household rooftop PV sites and the distribution transformers they connect to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Household PV", allowedDependencies = {"platform", "tiles", "ogcapi", "plans", "region", "demodata"})
package org.landatlas.solar;
