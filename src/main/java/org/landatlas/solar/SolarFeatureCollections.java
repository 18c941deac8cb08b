package org.landatlas.solar;

import static org.landatlas.ogcapi.FeatureCollectionSource.Type.DATE;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.NUMBER;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.STRING;

import org.landatlas.ogcapi.FeatureCollectionSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The OGC API collection of household PV sites (roof outlines and array footprints), as public as their tiles; no owner. */
@Configuration(proxyBeanMethods = false)
class SolarFeatureCollections {

    @Bean
    @Order(1000)
    FeatureCollectionSource pvSiteCollection() {
        return FeatureCollectionSource.builder("pv_sites")
                .title("户用光伏 Household PV sites")
                .description("Roofs, sheds, greenhouses and yards with their PV capacity and grid status.")
                .polygons("pv_site t", "t.geom")
                .property("site_kind", "t.site_kind", STRING, "场地类型 Site: homestead_roof, livestock_shed, greenhouse, yard, other_roof")
                .property("roof_type", "t.roof_type", STRING, "屋顶类型 Roof: concrete_flat, color_steel, tile, film, ground")
                .property("roof_area_m2", "round(t.roof_area_m2::numeric, 1)", NUMBER, "屋顶面积 Roof area, m²")
                .property("usable_area_m2", "round(t.usable_area_m2::numeric, 1)", NUMBER, "可用面积 Usable area, m²")
                .property("capacity_kw", "round(t.capacity_kw::numeric, 2)", NUMBER, "装机容量 Capacity, kW")
                .property("annual_hours", "round(t.annual_hours::numeric)", NUMBER, "年利用小时数 Annual full-load hours")
                .property("grid_mode", "t.grid_mode", STRING, "并网方式 Grid mode: full_export, self_use_surplus_export, full_self_use")
                .property("status", "t.status", STRING, "状态 Status: candidate, surveyed, filed, built, connected, rejected")
                .property("connected_on", "t.connected_on", DATE, "并网日期 Connected on")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("village_code", "t.village_code", STRING, "村代码 Village code")
                .temporal("t.connected_on")
                .build();
    }
}
