package org.landatlas.region;

import static org.landatlas.ogcapi.FeatureCollectionSource.Type.INTEGER;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.NUMBER;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.STRING;

import org.landatlas.ogcapi.FeatureCollectionSource;
import org.landatlas.ogcapi.FeatureCollectionSource.IdType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The OGC API collections of township and village boundaries; the statistical code is the feature id. */
@Configuration(proxyBeanMethods = false)
class RegionFeatureCollections {

    @Bean
    @Order(300)
    FeatureCollectionSource townshipCollection() {
        return units("townships", "乡镇 Townships", "Township boundaries (镇/乡/苏木/街道).", "township");
    }

    @Bean
    @Order(400)
    FeatureCollectionSource villageCollection() {
        return units("villages", "村 Villages", "Village boundaries (村/嘎查/社区).", "village");
    }

    private static FeatureCollectionSource units(String id, String title, String description, String level) {
        return FeatureCollectionSource.builder(id)
                .title(title)
                .description(description)
                .polygons("admin_unit t", "t.boundary")
                .id("t.code", IdType.STRING)
                .where("t.level = '" + level + "'")
                .property("code", "t.code", STRING, "统计用区划代码 Statistical division code")
                .property("name", "t.name", STRING, "名称 Name")
                .property("kind", "t.kind", STRING, "类别 Kind (镇, 乡, 苏木, 村, 嘎查, 社区 …)")
                .property("parent_code", "t.parent_code", STRING, "上级代码 Parent unit code")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("population", "t.population", INTEGER, "人口 Population")
                .property("households", "t.households", INTEGER, "户数 Households")
                .property("area_mu", "round((t.area_m2 * 3 / 2000)::numeric, 2)", NUMBER, "面积 Area, mu")
                .build();
    }
}
