package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Term arithmetic at the boundaries: leap days, the 30-year extension, county overrides; and the credit-code check character. */
class ContractTermsTest {

    @Test
    void aTermEndsTheDayBeforeItsAnniversaryOrOnTheLastDayOfFebruary() {
        assertThat(ContractTerms.lastDay(LocalDate.of(2026, 1, 1), 5)).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(ContractTerms.lastDay(LocalDate.of(2028, 2, 29), 5)).isEqualTo(LocalDate.of(2033, 2, 28));
        assertThat(ContractTerms.lastDay(LocalDate.of(2028, 3, 1), 5)).isEqualTo(LocalDate.of(2033, 2, 28));
        assertThat(ContractTerms.lastDay(LocalDate.of(2028, 2, 29), 4)).isEqualTo(LocalDate.of(2032, 2, 28));
        assertThat(ContractTerms.lastDay(LocalDate.of(2027, 3, 1), 5)).isEqualTo(LocalDate.of(2032, 2, 29));
        assertThat(ContractTerms.atLeastYears(LocalDate.of(2028, 2, 29), LocalDate.of(2033, 2, 28), 5)).isTrue();
        assertThat(ContractTerms.atLeastYears(LocalDate.of(2028, 2, 29), LocalDate.of(2033, 2, 27), 5)).isFalse();
        assertThat(ContractTerms.atLeastYears(LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 30), 5)).isFalse();
    }

    @Test
    void theRemainingTermIsTheSecondRoundAndItsExtensionConfigurablePerCounty() {
        CirculationProperties p = new CirculationProperties(null, null,
                Map.of("111111", new CirculationProperties.Terms(null, 0, null, null),
                        "222222", new CirculationProperties.Terms(LocalDate.of(2028, 2, 29), null, LocalDate.of(2050, 6, 30), null)), null);
        assertThat(p.expiringDays()).isEqualTo(90);
        CirculationProperties.Terms d = p.termsOf("999999");
        assertThat(ContractTerms.remainingTermEnd(d, ContractTerms.Tenure.CROPLAND)).isEqualTo(LocalDate.of(2057, 12, 31));
        assertThat(ContractTerms.remainingTermEnd(d, ContractTerms.Tenure.GRASSLAND)).isEqualTo(LocalDate.of(2047, 12, 31));
        assertThat(ContractTerms.remainingTermEnd(d, ContractTerms.Tenure.FOREST)).isEqualTo(LocalDate.of(2067, 12, 31));
        // Not extended: the second round's end is the last day.
        assertThat(ContractTerms.remainingTermEnd(p.termsOf("111111"), ContractTerms.Tenure.CROPLAND)).isEqualTo(LocalDate.of(2027, 12, 31));
        assertThat(ContractTerms.remainingTermEnd(p.termsOf("111111"), ContractTerms.Tenure.FOREST)).isEqualTo(LocalDate.of(2067, 12, 31));
        // A second round ending on a leap day: the extension runs from 1 March, 30 years, to the last day of February 2058.
        assertThat(ContractTerms.remainingTermEnd(p.termsOf("222222"), ContractTerms.Tenure.CROPLAND)).isEqualTo(LocalDate.of(2058, 2, 28));
        assertThat(ContractTerms.remainingTermEnd(p.termsOf("222222"), ContractTerms.Tenure.GRASSLAND)).isEqualTo(LocalDate.of(2050, 6, 30));
        assertThat(ContractTerms.Tenure.of("grassland")).isEqualTo(ContractTerms.Tenure.GRASSLAND);
        assertThat(ContractTerms.Tenure.of("garden")).isEqualTo(ContractTerms.Tenure.CROPLAND);
    }

    @Test
    void creditCodesCarryTheGb32100CheckCharacter() {
        // Published codes: 91350100M000100Y43 (the standard's example), 91110000802100433B (国家电网).
        assertThat(CreditCode.problem("91350100M000100Y43")).isNull();
        assertThat(CreditCode.problem("91110000802100433B")).isNull();
        assertThat(CreditCode.problem("91350100M000100Y44")).contains("expected '3'");
        assertThat(CreditCode.problem("91350100M00010OY43")).contains("character 15 'O'");
        assertThat(CreditCode.problem("9135")).contains("18 characters");
    }

    @Test
    void dividendsSplitByShareAndAddUpToTheTotal() {
        var parts = ContractService.dividendShares("fixed", new java.math.BigDecimal("1000.00"), null, null,
                java.util.List.of(new java.math.BigDecimal("33.3333"), new java.math.BigDecimal("33.3333"), new java.math.BigDecimal("33.3334")));
        assertThat(parts.stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)).isEqualByComparingTo("1000.00");
        assertThat(parts.get(0)).isEqualByComparingTo("333.33");
        assertThat(parts.get(2)).isEqualByComparingTo("333.34");
        // Guaranteed minimum 10 000 + 20 % of a 50 000 profit; a loss pays the minimum.
        var plus = ContractService.dividendShares("minimum_plus_share", new java.math.BigDecimal("10000"), new java.math.BigDecimal("20"), 50000.0,
                java.util.List.of(new java.math.BigDecimal("60"), new java.math.BigDecimal("40")));
        assertThat(plus.get(0)).isEqualByComparingTo("12000.00");
        assertThat(plus.get(1)).isEqualByComparingTo("8000.00");
        var loss = ContractService.dividendShares("minimum_plus_share", new java.math.BigDecimal("10000"), new java.math.BigDecimal("20"), -3000.0,
                java.util.List.of(new java.math.BigDecimal("100")));
        assertThat(loss.get(0)).isEqualByComparingTo("10000.00");
    }
}
