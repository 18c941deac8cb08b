package org.landatlas.terrain;

import static org.landatlas.tiles.TileFilter.adminCode;

import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The vector-tile layer of altitude belts. */
@Configuration(proxyBeanMethods = false)
class TerrainTileLayers {

    @Bean
    @Order(800)
    TileSource beltTiles() {
        return TableTileSource.builder("belts")
                .title("产业带 Altitude belts")
                .description("Industry belts of the default schemes.")
                .polygons("belt t JOIN belt_scheme s ON s.id = t.scheme_id", "t.geom")
                .zooms(4, 22)
                .attribute("code", "t.code")
                .attribute("name", "t.name")
                .attribute("colour", "t.colour")
                .attribute("county_code", "s.county_code")
                .filter("admin_code", adminCode("rpad(s.county_code, 12, '0')"))
                .where("s.is_default")
                .invalidatedBy("belt")
                .minPixelArea(4)
                .build();
    }
}
