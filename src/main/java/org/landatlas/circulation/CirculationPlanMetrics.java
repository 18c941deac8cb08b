package org.landatlas.circulation;

import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.SqlPlanMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Plan metrics measured from contracts in force: the area circulated so far, by land kind (stock, any year). */
@Configuration(proxyBeanMethods = false)
class CirculationPlanMetrics {

    @Bean
    PlanMetric farmlandCirculatedMu(NamedParameterJdbcTemplate jdbc) {
        return circulated("farmland", jdbc);
    }

    @Bean
    PlanMetric pastureCirculatedMu(NamedParameterJdbcTemplate jdbc) {
        return circulated("pasture", jdbc);
    }

    @Bean
    PlanMetric forestCirculatedMu(NamedParameterJdbcTemplate jdbc) {
        return circulated("forest", jdbc);
    }

    private static PlanMetric circulated(String landKind, NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric(landKind + "_circulated_mu", "亩", jdbc,
                "SELECT coalesce(sum(area_mu), 0) FROM circulation_contract WHERE county_code = :county AND land_kind = '" + landKind + "'"
                        + " AND " + ActiveContracts.statusIn("status"));
    }
}
