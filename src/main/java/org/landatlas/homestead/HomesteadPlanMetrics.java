package org.landatlas.homestead;

import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.SqlPlanMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Plan metrics measured from the revitalization workflow. */
@Configuration(proxyBeanMethods = false)
class HomesteadPlanMetrics {

    /** Which homesteads of the scope count: revitalized in the year (flow), or by its end (cumulative, the stock). */
    private static final String REVITALIZED = """
            h.county_code = :county AND h.revitalization_status = 'revitalized'
              AND (CASE WHEN :cumulative THEN h.revitalized_on < make_date(:year + 1, 1, 1) ELSE extract(year FROM h.revitalized_on) = :year END)""";

    /**
     * Homesteads reaching REVITALIZED through the workflow (revitalizeHomestead sets the day), counted in the year
     * they reached it or all by the end of the year; also per township and village.
     */
    @Bean
    PlanMetric idleHomesteadsRevitalized(NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric("idle_homesteads_revitalized", "宗", jdbc,
                "SELECT count(*) FROM homestead h WHERE " + REVITALIZED,
                "SELECT left(h.village_code, :code_length), count(*)::float8 FROM homestead h WHERE " + REVITALIZED + " GROUP BY 1 ORDER BY 1");
    }

    /**
     * Villages with at least one homestead reaching REVITALIZED in the year, or by its end (庆元: 100 farmhouses in
     * 10 villages); per township the villages counted there, per village 1 or 0.
     */
    @Bean
    PlanMetric villagesWithRevitalizedHomesteads(NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric("villages_with_revitalized_homesteads", "村", jdbc,
                "SELECT count(DISTINCT h.village_code) FROM homestead h WHERE " + REVITALIZED,
                "SELECT left(h.village_code, :code_length), count(DISTINCT h.village_code)::float8 FROM homestead h WHERE " + REVITALIZED + " GROUP BY 1 ORDER BY 1");
    }
}
