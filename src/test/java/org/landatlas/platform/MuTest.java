package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mu conversion keeps the definition the generated area_mu columns use: × 3, then ÷ 2000. */
class MuTest {

    @Test
    void sqlMultipliesByThreeThenDividesByTwoThousandKeepingTheArgumentWhole() {
        assertThat(Mu.fromM2Sql("t.area_m2")).isEqualTo("(t.area_m2) * 3 / 2000");
        assertThat(Mu.fromM2Sql("a + b")).isEqualTo("(a + b) * 3 / 2000");
    }

    @Test
    void javaComputesBitForBitWhatTheDefinitionComputes() {
        for (double m2 : new double[] {0, 1, 2000.0 / 3, 12_345.678, 1e9 + 0.1, 987.654321}) {
            assertThat(Double.doubleToLongBits(Mu.fromM2(m2))).as("%s m²", m2).isEqualTo(Double.doubleToLongBits(m2 * 3 / 2000));
        }
        assertThat(Mu.fromM2(2000)).isEqualTo(3.0);
        assertThat(Mu.M2_PER_MU * 3).isEqualTo(2000.0);
    }
}
