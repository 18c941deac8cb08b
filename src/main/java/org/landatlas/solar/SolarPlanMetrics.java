package org.landatlas.solar;

import org.landatlas.platform.SqlValues;
import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.SqlPlanMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Plan metrics measured from PV sites. */
@Configuration(proxyBeanMethods = false)
class SolarPlanMetrics {

    /** Capacity of the sites connected to the grid so far. */
    @Bean
    PlanMetric householdPvKw(NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric("household_pv_kw", "kW", jdbc,
                "SELECT coalesce(sum(capacity_kw), 0) FROM pv_site WHERE county_code = :county AND status = " + SqlValues.literal(PvSiteStatus.CONNECTED));
    }
}
