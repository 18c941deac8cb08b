package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code landatlas.circulation.*}: how long contracted land may be circulated (the remaining contract term, 农村土地承包法
 * Art. 38) and when an active contract counts as expiring. The defaults follow domain.md §3.5: second-round cropland
 * contracts to the end of 2027 (1998 + 30 years) extended by 30 years; grassland 50 and forest land 70 years from 1998.
 * A county whose second round started earlier or later overrides only what differs under {@code counties.<code>}.
 *
 * @param expiringDays an active contract is expiring when its term ends within this many days
 * @param terms        the defaults
 * @param counties     per county code, values that differ from the defaults (null fields inherit)
 * @param disputeOverdueDays an open dispute is overdue for supervision (用途监管, DISPUTE_OVERDUE) when it was opened
 *                     more than this many days ago; default 60, the time the 农村土地承包经营纠纷调解仲裁法 gives an
 *                     arbitration (Art. 48: 60 days, once extendable by 30), so a dispute still open after it has
 *                     outrun the slowest ordinary step
 */
@ConfigurationProperties("landatlas.circulation")
record CirculationProperties(Integer expiringDays, Terms terms, Map<String, Terms> counties, Integer disputeOverdueDays) {

    /**
     * @param secondRoundEnd last day of the second-round cropland contracts (二轮承包)
     * @param extensionYears years of the extension after the second round (0: not extended in this county)
     * @param grasslandEnd   last day of grassland contracts
     * @param forestEnd      last day of forest-land contracts
     */
    record Terms(LocalDate secondRoundEnd, Integer extensionYears, LocalDate grasslandEnd, LocalDate forestEnd) {

        Terms over(Terms defaults) {
            return new Terms(secondRoundEnd != null ? secondRoundEnd : defaults.secondRoundEnd,
                    extensionYears != null ? extensionYears : defaults.extensionYears,
                    grasslandEnd != null ? grasslandEnd : defaults.grasslandEnd, forestEnd != null ? forestEnd : defaults.forestEnd);
        }
    }

    static final Terms DEFAULT_TERMS = new Terms(LocalDate.of(2027, 12, 31), 30, LocalDate.of(2047, 12, 31), LocalDate.of(2067, 12, 31));

    CirculationProperties {
        expiringDays = expiringDays == null ? 90 : expiringDays;
        terms = terms == null ? DEFAULT_TERMS : terms.over(DEFAULT_TERMS);
        counties = counties == null ? Map.of() : Map.copyOf(counties);
        disputeOverdueDays = disputeOverdueDays == null ? 60 : disputeOverdueDays;
        if (expiringDays < 0 || disputeOverdueDays < 0) {
            throw new IllegalArgumentException("landatlas.circulation.expiring-days and dispute-overdue-days are 0 or more days");
        }
    }

    Terms termsOf(String county) {
        Terms t = counties.get(county);
        return t == null ? terms : t.over(terms);
    }
}
