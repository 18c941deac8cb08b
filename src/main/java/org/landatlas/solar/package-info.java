/**
 * Household rooftop PV sites and the distribution transformers they connect to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Household PV", allowedDependencies = {"platform", "security", "tiles", "ogcapi", "plans", "region", "demodata", "exchange"})
package org.landatlas.solar;
