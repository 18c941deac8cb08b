package org.landatlas.parcel;

import static org.landatlas.tiles.TileFilter.adminCode;
import static org.landatlas.tiles.TileFilter.bool;
import static org.landatlas.tiles.TileFilter.values;

import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;

/** The vector-tile layers of parcels, high-standard farmland projects and protection zones. */
@Configuration(proxyBeanMethods = false)
class ParcelTileLayers {

    @Bean
    @Order(100)
    TileSource parcelTiles(JdbcTemplate jdbc) {
        return new ParcelTileSource(TableTileSource.builder("parcels")
                .title("地类图斑 Land parcels")
                .description("Land-survey parcels; below zoom 12 dissolved by village and land-class group.")
                .polygons("land_parcel t JOIN land_class lc ON lc.class_system = t.class_system AND lc.code = t.dlbm", "t.geom")
                .zooms(0, 22)
                .attribute("class_group", "lc.class_group")
                .attribute("dlbm", "t.dlbm")
                .attribute("circulation", "t.circulation_status")
                .attributeFrom(14, "bsm", "t.bsm")
                .attributeFrom(14, "dlmc", "t.dlmc")
                .attributeFrom(14, "area_mu", "round(t.area_mu::numeric, 2)::float8")
                .attributeFrom(14, "village_code", "t.village_code")
                .attributeFrom(14, "pbf", "t.is_permanent_basic_farmland")
                .attributeFrom(14, "hsf", "t.is_high_standard_farmland")
                .attributeFrom(14, "zzsx", "t.zzsxdm")
                .filter("admin_code", adminCode("t.village_code"))
                .filter("class_group", values("lc.class_group", LandClassGroups.codes().toArray(String[]::new)))
                .filter("circulation_status", values("t.circulation_status", "none", "listed", "circulated"))
                .filter("pbf", bool("t.is_permanent_basic_farmland"))
                .filter("hsf", bool("t.is_high_standard_farmland"))
                .filter("planting", values("t.zzsxdm", "LS", "FLS", "LYFL", "XG", "LLJZ", "WG", "JKHF", "GCHF"))
                .invalidatedBy("land_parcel")
                // Parcel by parcel below the detail zoom (filters the overview lacks): drop what is below a pixel.
                .minPixelArea(z -> z < ParcelTileSource.DETAIL_ZOOM ? 1 : 0), jdbc);
    }

    @Bean
    @Order(600)
    TileSource highStandardFarmlandTiles() {
        return TableTileSource.builder("high_standard_farmland")
                .title("高标准农田 High-standard farmland projects")
                .description("Project polygons.")
                .polygons("high_standard_farmland_project t", "t.geom")
                .zooms(6, 22)
                .attribute("id", "t.id")
                .attribute("name", "t.name")
                .attribute("status", "t.status")
                .attribute("year", "t.project_year")
                .filter("status", values("t.status", HighStandardFarmlandStatus.ALL.toArray(String[]::new)))
                .filter("admin_code", adminCode("rpad(coalesce(t.township_code, t.county_code), 12, '0')"))
                .invalidatedBy("high_standard_farmland_project")
                .minPixelArea(4)
                .build();
    }

    @Bean
    @Order(700)
    TileSource protectionZoneTiles() {
        return TableTileSource.builder("protection_zones")
                .title("保护区 Protection zones")
                .description("Permanent basic farmland, ecological red line, grazing and livestock zones.")
                .polygons("protection_zone t", "t.geom")
                .zooms(4, 22)
                .attribute("id", "t.id")
                .attribute("zone_type", "t.zone_type")
                .attribute("name", "t.name")
                .filter("zone_type", values("t.zone_type", "permanent_basic_farmland", "ecological_red_line", "grazing_ban", "rest_grazing",
                        "grass_livestock_balance", "livestock_suitable", "livestock_restricted", "livestock_prohibited"))
                .filter("admin_code", adminCode("rpad(t.county_code, 12, '0')"))
                .invalidatedBy("protection_zone")
                .minPixelArea(4)
                .build();
    }
}
