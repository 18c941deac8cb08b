package org.landatlas.circulation;

import static org.landatlas.tiles.TileFilter.adminCode;
import static org.landatlas.tiles.TileFilter.values;

import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The vector-tile layer of circulation listings: the public sees the same listings as in GraphQL. */
@Configuration(proxyBeanMethods = false)
class CirculationTileLayers {

    @Bean
    @Order(900)
    TileSource listingTiles() {
        return TableTileSource.builder("circulation_listings")
                .title("流转挂牌 Circulation listings")
                .description("Land and facilities offered for circulation.")
                .polygons("circulation_listing t", "t.geom")
                .zooms(8, 22)
                .attribute("id", "t.id")
                .attribute("status", "t.status")
                .attribute("land_kind", "t.land_kind")
                .attribute("area_mu", "t.area_mu::float8")
                .attribute("price", "t.price_yuan_per_mu_year::float8")
                .attributeFrom(12, "title", "t.title")
                .attributeFrom(12, "term_years", "t.term_years")
                .filter("status", values("t.status", ListingStatus.ALL.toArray(String[]::new)))
                .filter("land_kind", values("t.land_kind", "farmland", "pasture", "forest", "garden", "facility", "mixed"))
                .filter("admin_code", adminCode("t.village_code"))
                .invalidatedBy("circulation_listing")
                .publicRows(CirculationPublicRows.LISTINGS)
                .build();
    }
}
