package org.landatlas;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages (region, parcel, demodata, platform …) only talk through their public faces. */
class ModularityTest {

    @Test
    void featurePackagesRespectModuleBoundaries() {
        ApplicationModules.of(LandAtlasApplication.class).verify();
    }
}
