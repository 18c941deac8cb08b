package org.landatlas.solar;

import static org.landatlas.tiles.TileFilter.adminCode;
import static org.landatlas.tiles.TileFilter.values;

import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The vector-tile layers of household PV sites and distribution transformers. */
@Configuration(proxyBeanMethods = false)
class SolarTileLayers {

    @Bean
    @Order(1000)
    TileSource pvSiteTiles() {
        return TableTileSource.builder("pv_sites")
                .title("户用光伏 PV sites")
                .description("Roof outlines of household PV sites.")
                .polygons("pv_site t", "t.geom")
                .zooms(12, 22)
                .attribute("id", "t.id")
                .attribute("status", "t.status")
                .attribute("site_kind", "t.site_kind")
                .attribute("capacity_kw", "t.capacity_kw")
                .filter("status", values("t.status", PvSiteStatus.ALL.toArray(String[]::new)))
                .filter("site_kind", values("t.site_kind", "homestead_roof", "livestock_shed", "greenhouse", "yard", "other_roof"))
                .filter("admin_code", adminCode("t.village_code"))
                .invalidatedBy("pv_site")
                .build();
    }

    @Bean
    @Order(1100)
    TileSource transformerTiles() {
        return TableTileSource.builder("transformers")
                .title("台区 Distribution transformers")
                .description("Transformers with their open PV capacity (C2), C1 and grade: green, yellow, red.")
                .points("distribution_transformer t JOIN distribution_transformer_load l ON l.transformer_id = t.id", "t.geom")
                .zooms(10, 22)
                .attribute("id", "t.id")
                .attribute("name", "t.name")
                .attribute("rated_kva", "t.rated_kva")
                .attribute("open_kw", "round(l.open_capacity_kw::numeric, 1)::float8")
                .attribute("c1_kw", "round(l.c1_kw::numeric, 1)::float8")
                .attribute("grade", "l.grade")
                .filter("grade", values("l.grade", "green", "yellow", "red"))
                .filter("admin_code", adminCode("t.village_code"))
                // The open capacity is what the transformer hosts minus its PV sites' capacity.
                .invalidatedBy("distribution_transformer", "pv_site")
                .build();
    }
}
