package org.landatlas.region;

import static org.landatlas.tiles.TileFilter.adminCode;
import static org.landatlas.tiles.TileFilter.values;

import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileBounds;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/** The vector-tile layers of administrative units, roads and points of interest, and the area the tiles cover. */
@Configuration(proxyBeanMethods = false)
class RegionTileLayers {

    /** Administrative units have no numeric id: their 6-, 9- or 12-digit code is the feature id. */
    private static final String UNIT_ID = "t.code::bigint";

    @Bean
    @Order(200)
    TileSource countyTiles() {
        return TableTileSource.builder("counties")
                .title("县 Counties")
                .description("County boundaries.")
                .polygons("admin_unit t", "t.boundary")
                .zooms(0, 22)
                .featureId(UNIT_ID)
                .attribute("code", "t.code")
                .attribute("name", "t.name")
                .filter("admin_code", adminCode("rpad(t.code, 12, '0')"))
                .where("t.level = 'county'")
                .invalidatedBy("admin_unit")
                .build();
    }

    @Bean
    @Order(300)
    TileSource townshipTiles() {
        return TableTileSource.builder("townships")
                .title("乡镇 Townships")
                .description("Township boundaries.")
                .polygons("admin_unit t", "t.boundary")
                .zooms(4, 22)
                .featureId(UNIT_ID)
                .attribute("code", "t.code")
                .attribute("name", "t.name")
                .attribute("kind", "t.kind")
                .filter("admin_code", adminCode("rpad(t.code, 12, '0')"))
                .where("t.level = 'township'")
                .invalidatedBy("admin_unit")
                .build();
    }

    @Bean
    @Order(400)
    TileSource villageTiles() {
        return TableTileSource.builder("villages")
                .title("村 Villages")
                .description("Village boundaries.")
                .polygons("admin_unit t", "t.boundary")
                .zooms(6, 22)
                .featureId(UNIT_ID)
                .attribute("code", "t.code")
                .attribute("name", "t.name")
                .attribute("kind", "t.kind")
                .filter("admin_code", adminCode("t.code"))
                .where("t.level = 'village'")
                .invalidatedBy("admin_unit")
                .build();
    }

    @Bean
    @Order(500)
    TileSource adminLabelTiles() {
        return TableTileSource.builder("admin_labels")
                .title("行政区注记 Administrative labels")
                .description("Seats of counties, townships and villages, for labels.")
                .points("admin_unit t", "t.seat")
                .zooms(0, 22)
                .featureId(UNIT_ID)
                .attribute("code", "t.code")
                .attribute("name", "t.name")
                .attribute("level", "t.level")
                .filter("admin_code", adminCode("rpad(t.code, 12, '0')"))
                .filter("level", values("t.level", "county", "township", "village"))
                .invalidatedBy("admin_unit")
                .build();
    }

    @Bean
    @Order(1300)
    TileSource roadTiles() {
        return TableTileSource.builder("roads")
                .title("道路 Roads")
                .description("Roads by class.")
                .lines("road t", "t.geom")
                .zooms(6, 22)
                .attribute("id", "t.id")
                .attribute("class", "t.road_class")
                .attribute("name", "t.name")
                .filter("class", values("t.road_class", "national", "provincial", "county", "township", "village", "farm"))
                .filter("admin_code", adminCode("rpad(t.county_code, 12, '0')"))
                .invalidatedBy("road")
                .build();
    }

    @Bean
    @Order(1400)
    TileSource poiTiles() {
        return TableTileSource.builder("pois")
                .title("兴趣点 Points of interest")
                .description("Services and tourism.")
                .points("poi t", "t.geom")
                .zooms(10, 22)
                .attribute("id", "t.id")
                .attribute("kind", "t.kind")
                .attribute("name", "t.name")
                .filter("kind", values("t.kind", "scenic_spot", "homestay", "market", "school", "clinic", "government", "cooperative",
                        "processing_plant", "bus_stop", "service_station", "temple"))
                .filter("admin_code", adminCode("rpad(t.county_code, 12, '0')"))
                .invalidatedBy("poi")
                .build();
    }

    /** The tiles cover the loaded counties (queried each time: a demo load changes them). */
    @Bean
    TileBounds countyBounds(JdbcTemplate jdbc) {
        return () -> jdbc.queryForObject("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(boundary) AS e FROM admin_unit WHERE level = 'county') x",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)});
    }
}
