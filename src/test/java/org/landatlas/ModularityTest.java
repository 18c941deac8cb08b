package org.landatlas;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Modules (platform, security, tiles, plans, region, terrain, parcel, circulation, solar, homestead, demodata)
 * use each other only through their public API and only as their package-info declares. The rules are shown to
 * fail in {@link ModuleRulesTest}; which module may name which table is {@link TableOwnershipTest}.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(LandAtlasApplication.class);

    @Test
    void featurePackagesRespectModuleBoundaries() {
        MODULES.verify();
    }

    /** The module canvases and a component diagram in target/spring-modulith-docs (not committed). */
    @Test
    void writesTheModuleDocumentation() {
        new Documenter(MODULES).writeDocumentation();
    }
}
