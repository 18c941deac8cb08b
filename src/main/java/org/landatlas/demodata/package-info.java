/**
 * The synthetic demo counties: the generator, the loader and the API through which each feature contributes
 * its share ({@link DemoDataPart}, in the feature's {@code demo} sub-package). Depends on no feature: the
 * features' demo parts depend on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data", allowedDependencies = {"platform"})
package org.landatlas.demodata;
