package org.landatlas.homestead;

import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.SqlPlanMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Plan metrics measured from homestead revitalizations. */
@Configuration(proxyBeanMethods = false)
class HomesteadPlanMetrics {

    /** Active revitalizations, counted in the year their term started (flow) or all so far (cumulative). */
    @Bean
    PlanMetric idleHomesteadsRevitalized(NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric("idle_homesteads_revitalized", "宗", jdbc, """
                SELECT count(*) FROM homestead_revitalization r JOIN homestead h ON h.id = r.homestead_id
                WHERE h.county_code = :county AND r.status = 'active'
                  AND (:cumulative OR extract(year FROM r.term_start) = :year)""");
    }
}
