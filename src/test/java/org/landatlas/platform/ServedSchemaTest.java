package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Every field of the API's schema is served: the inspection at start finds no gap (and so logs no warning). */
class ServedSchemaTest extends IntegrationTest {

    @Autowired
    SchemaInspection inspection;

    @Test
    void everySchemaFieldIsServed() {
        SchemaInspection.Findings f = inspection.findings();
        assertThat(f).isNotNull();
        assertThat(f.unserved()).as("fields nothing serves").isEmpty();
        assertThat(f.clean()).isTrue();
        // The projections' fields are checked one by one, not waved through with the map rows.
        assertThat(f.servedByProjections()).isGreaterThan(100);
        assertThat(f.mapRowTypes()).doesNotContain("Parcel", "AdminUnit", "CirculationContract");
    }
}
