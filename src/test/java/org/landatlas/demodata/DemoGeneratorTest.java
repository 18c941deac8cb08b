package org.landatlas.demodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The generator alone, without a database: determinism and parameter checks. */
class DemoGeneratorTest {

    private final DemoGenerator generator = TestDemoGenerator.get();

    @Test
    void sameSeedGivesIdenticalDataAndAnotherSeedDoesNot() {
        DemoProfile mini = DemoProfile.load("mini");
        DemoGenerator.Result a = generator.generate(mini);
        DemoGenerator.Result b = generator.generate(mini);
        DemoGenerator.Result c = generator.generate(mini.withSeed(mini.seed() + 1));

        assertThat(a.digest()).isEqualTo(b.digest());
        assertThat(a.rowCounts()).isEqualTo(b.rowCounts());
        assertThat(c.digest()).isNotEqualTo(a.digest());
    }

    @Test
    void producesTheRequestedParcelCountPerCounty() {
        DemoGenerator.Result r = generator.generate(DemoProfile.load("mini"));
        assertThat(r.parcelsByCounty()).containsEntry("331126", 400).containsEntry("533401", 400);
        assertThat(r.rowCounts().get("admin_unit")).isEqualTo(2 + 19 + 203 + 12 + 65);
        assertThat(r.rowCounts()).allSatisfy((table, rows) -> {
            if (!table.equals("circulation_dispute")) {
                assertThat(rows).as(table).isPositive();
            }
        });
    }

    @Test
    void rejectsOutOfRangeParameters() {
        DemoProfile mini = DemoProfile.load("mini");
        assertThatThrownBy(() -> mini.withParcelsPerCounty(10))
                .isInstanceOf(DemoProfile.InvalidProfileException.class)
                .hasMessageContaining("parcels per county").hasMessageContaining("between 50 and 2000000").hasMessageContaining("10");
        assertThatThrownBy(() -> mini.withParcelsPerCounty(3_000_000)).isInstanceOf(DemoProfile.InvalidProfileException.class);
        assertThatThrownBy(() -> DemoProfile.load("nope")).hasMessageContaining("no demo profile 'nope'");
        assertThatThrownBy(() -> DemoProfile.load("../etc/passwd")).hasMessageContaining("must be lower-case");
        assertThatThrownBy(() -> new DemoProfile("x", 1, mini.asOf(), java.util.List.of(new DemoProfile.CountyQuota("110101", 100))))
                .hasMessageContaining("110101").hasMessageContaining("not a demo county");
    }
}
