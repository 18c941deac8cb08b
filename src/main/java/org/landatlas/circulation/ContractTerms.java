package org.landatlas.circulation;

import java.time.LocalDate;

/**
 * Term arithmetic of circulation contracts. A term of N years starting on day S (S counted, Civil Code Art. 201)
 * ends on the day before S's N-th anniversary (Art. 202): 2027-03-01 + 5 years ends 2032-02-29; the anniversary of
 * 29 February in a common year is 1 March, so 2028-02-29 + 5 years ends 2033-02-28, as 2028-03-01 + 5 years does.
 */
final class ContractTerms {

    private ContractTerms() {
    }

    /** The last day of a term of {@code years} years starting on {@code start}. */
    static LocalDate lastDay(LocalDate start, int years) {
        LocalDate anniversary = start.plusYears(years);
        // The anniversary of 29 February in a common year is 1 March (plusYears would clamp it to 28 February).
        if (start.getMonthValue() == 2 && start.getDayOfMonth() == 29 && !anniversary.isLeapYear()) {
            anniversary = anniversary.plusDays(1);
        }
        return anniversary.minusDays(1);
    }

    /** Whether {@code start … end} (both days counted) lasts at least {@code years} full years. */
    static boolean atLeastYears(LocalDate start, LocalDate end, int years) {
        return !end.isBefore(lastDay(start, years));
    }

    /** What a contract's parcels are held under, by land-class group: decides the remaining contract term. */
    enum Tenure {
        CROPLAND("耕地承包 cropland contract"), GRASSLAND("草地承包 grassland contract"), FOREST("林地承包 forest-land contract");

        final String label;

        Tenure(String label) {
            this.label = label;
        }

        static Tenure of(String classGroup) {
            if ("grassland".equals(classGroup)) {
                return GRASSLAND;
            }
            return "forest".equals(classGroup) ? FOREST : CROPLAND;
        }
    }

    /** The last day the household's contract right lasts for this tenure: the latest day a circulation may end. */
    static LocalDate remainingTermEnd(CirculationProperties.Terms terms, Tenure tenure) {
        return switch (tenure) {
            // The extension starts the day after the second round ends: its last day is the same day N years on.
            case CROPLAND -> terms.extensionYears() > 0 ? lastDay(terms.secondRoundEnd().plusDays(1), terms.extensionYears()) : terms.secondRoundEnd();
            case GRASSLAND -> terms.grasslandEnd();
            case FOREST -> terms.forestEnd();
        };
    }

    static String explain(CirculationProperties.Terms terms, Tenure tenure) {
        return switch (tenure) {
            case CROPLAND -> terms.extensionYears() > 0
                    ? "second-round contracts to " + terms.secondRoundEnd() + " extended by " + terms.extensionYears() + " years"
                    : "second-round contracts to " + terms.secondRoundEnd() + ", not extended in this county";
            case GRASSLAND -> "grassland contracts to " + terms.grasslandEnd();
            case FOREST -> "forest-land contracts to " + terms.forestEnd();
        };
    }
}
