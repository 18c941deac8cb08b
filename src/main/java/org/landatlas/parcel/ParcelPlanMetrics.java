package org.landatlas.parcel;

import org.landatlas.platform.Mu;
import org.landatlas.platform.SqlValues;
import org.landatlas.plans.PlanMetric;
import org.landatlas.plans.SqlPlanMetric;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Plan metrics measured from parcels and high-standard farmland projects. */
@Configuration(proxyBeanMethods = false)
class ParcelPlanMetrics {

    /** Area of the projects completed or accepted by the target year, in 亩. */
    @Bean
    PlanMetric highStandardFarmlandMu(NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric("high_standard_farmland_mu", "亩", jdbc, """
                SELECT coalesce({areaMu}, 0) FROM high_standard_farmland_project
                WHERE county_code = :county AND {built} AND project_year <= :year"""
                .replace("{areaMu}", Mu.fromM2Sql("sum(area_m2)"))
                .replace("{built}", SqlValues.in("status", HighStandardFarmlandStatus.BUILT)));
    }

    /** Area of the parcels designated permanent basic farmland now. */
    @Bean
    PlanMetric permanentBasicFarmlandMu(NamedParameterJdbcTemplate jdbc) {
        return new SqlPlanMetric("permanent_basic_farmland_mu", "亩", jdbc,
                "SELECT coalesce(sum(area_mu), 0) FROM land_parcel WHERE county_code = :county AND is_permanent_basic_farmland");
    }
}
