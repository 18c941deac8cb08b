package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-force status set, written once, yields the SQL the queries used when it was written out twice. */
class ActiveContractsTest {

    @Test
    void writesTheInForceStatusesAsOneInList() {
        assertThat(ActiveContracts.statusIn("c.status")).isEqualTo("c.status IN ('signed', 'filed', 'active', 'disputed')");
        assertThat(ActiveContracts.STATUSES).containsExactly("signed", "filed", "active", "disputed");
    }

    @Test
    void theTransfereeAreaAndThePlanMetricUseIt() {
        assertThat(CirculationQueries.TRANSFEREE.selectList(null, "")).contains(
                "(SELECT coalesce(sum(c.area_mu), 0) FROM circulation_contract c WHERE c.transferee_id = t.id AND c.status IN ('signed', 'filed', 'active', 'disputed'))");
    }
}
