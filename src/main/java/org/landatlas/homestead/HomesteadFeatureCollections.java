package org.landatlas.homestead;

import static org.landatlas.ogcapi.FeatureCollectionSource.Type.DATE;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.NUMBER;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.STRING;

import org.landatlas.ogcapi.FeatureCollectionSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The OGC API collection of homestead plots: the public sees those offered for revitalization (the same public rows
 * as the tiles), staff every plot of their counties. No household and no certificate number: they name a person.
 */
@Configuration(proxyBeanMethods = false)
class HomesteadFeatureCollections {

    @Bean
    @Order(1200)
    FeatureCollectionSource homesteadCollection() {
        return FeatureCollectionSource.builder("homesteads")
                .title("宅基地 Homesteads")
                .description("Homestead plots with occupancy and revitalization status (the public sees those offered).")
                .polygons("homestead t", "t.geom")
                .property("occupancy", "t.occupancy", STRING, "使用状况 Occupancy: occupied, seasonal, idle, abandoned")
                .property("idle_since", "t.idle_since", DATE, "闲置起始 Idle since")
                .property("revitalization_status", "t.revitalization_status", STRING, "盘活状态 Revitalization: none, idle, surveyed, listed, negotiating, revitalized, withdrawn")
                .property("site_area_m2", "round(t.site_area_m2::numeric, 1)", NUMBER, "宅基地面积 Site area, m²")
                .property("approved_area_m2", "round(t.approved_area_m2::numeric, 1)", NUMBER, "批准面积 Approved area, m²")
                .property("surveyed_on", "t.surveyed_on", DATE, "调查日期 Surveyed on")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("village_code", "t.village_code", STRING, "村代码 Village code")
                .temporal("t.surveyed_on")
                .publicRows(HomesteadPublicRows.HOMESTEADS)
                .build();
    }
}
