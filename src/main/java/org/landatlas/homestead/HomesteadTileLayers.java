package org.landatlas.homestead;

import static org.landatlas.tiles.TileFilter.adminCode;
import static org.landatlas.tiles.TileFilter.values;

import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The vector-tile layer of homesteads: the public sees the same homesteads as in GraphQL. */
@Configuration(proxyBeanMethods = false)
class HomesteadTileLayers {

    @Bean
    @Order(1200)
    TileSource homesteadTiles() {
        return TableTileSource.builder("homesteads")
                .title("宅基地 Homesteads")
                .description("Homestead plots with occupancy, revitalization status and the worst condition of their houses.")
                .polygons("homestead t", "t.geom")
                .zooms(13, 22)
                .attribute("id", "t.id")
                .attribute("occupancy", "t.occupancy")
                .attribute("revitalization", "t.revitalization_status")
                .attribute("condition", HomesteadQueries.WORST_CONDITION)
                .filter("occupancy", values("t.occupancy", "occupied", "seasonal", "idle", "abandoned"))
                .filter("condition", values(HomesteadQueries.WORST_CONDITION, "good", "fair", "poor", "dangerous"))
                .filter("revitalization", values("t.revitalization_status", RevitalizationStatus.ALL.toArray(String[]::new)))
                .filter("admin_code", adminCode("t.village_code"))
                .invalidatedBy("homestead", "rural_house")
                .publicRows(HomesteadPublicRows.HOMESTEADS)
                .build();
    }
}
