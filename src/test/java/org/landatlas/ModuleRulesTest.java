package org.landatlas;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * The module rules that {@link ModularityTest} applies to LandAtlas do fail: Modulith's verify on two small
 * fixture applications (org.landatlas.fixture.*), each with one deliberate violation.
 */
class ModuleRulesTest {

    /** The fixtures live in the test tree, which Modulith leaves out by default. */
    private static final ImportOption TEST_CLASSES_TOO = location -> true;

    @Test
    void aModuleUsingAnotherModulesInternalTypeFails() {
        ApplicationModules modules = ApplicationModules.of(org.landatlas.fixture.internaltype.FixtureApplication.class, TEST_CLASSES_TOO);
        assertThatThrownBy(modules::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("Module 'orders' depends on non-exposed type org.landatlas.fixture.internaltype.billing.internal.Ledger within module 'billing'");
    }

    @Test
    void aModuleUsingAnUndeclaredDependencyFails() {
        ApplicationModules modules = ApplicationModules.of(org.landatlas.fixture.undeclared.FixtureApplication.class, TEST_CLASSES_TOO);
        assertThatThrownBy(modules::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("Module 'shipping' depends on module 'orders'");
    }
}
