package org.landatlas.tiles;

import java.util.LinkedHashMap;
import java.util.Map;

import org.landatlas.tiles.TileLayer.Filter;

/** The catalogue of vector-tile layers. */
final class TileLayers {

    private TileLayers() {
    }

    static final String[] CLASS_GROUPS = {"farmland", "garden", "forest", "grassland", "homestead", "construction", "water", "other"};

    /** Parcels are drawn one by one from this zoom; below it the dissolved overview is used. */
    static final int PARCEL_DETAIL_ZOOM = 12;

    static final Map<String, TileLayer> ALL = new LinkedHashMap<>();

    private static void add(TileLayer layer) {
        ALL.put(layer.name(), layer);
    }

    private static Map<String, String> attrs(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    static {
        add(new TileLayer("parcels", "地类图斑 Land parcels",
                "Land-survey parcels; below zoom 12 dissolved by village and land-class group.", "polygon",
                "land_parcel t JOIN land_class lc ON lc.class_system = t.class_system AND lc.code = t.dlbm", "t.geom", 0, 22,
                attrs("class_group", "lc.class_group", "dlbm", "t.dlbm", "circulation", "t.circulation_status"),
                attrs("bsm", "t.bsm", "dlmc", "t.dlmc", "area_mu", "round(t.area_mu::numeric, 2)::float8", "village_code", "t.village_code",
                        "pbf", "t.is_permanent_basic_farmland", "hsf", "t.is_high_standard_farmland", "zzsx", "t.zzsxdm"), 14,
                filters("admin_code", Filter.adminCode("t.village_code"), "class_group", Filter.values("lc.class_group", CLASS_GROUPS),
                        "circulation_status", Filter.values("t.circulation_status", "none", "listed", "circulated"),
                        "pbf", Filter.bool("t.is_permanent_basic_farmland"), "hsf", Filter.bool("t.is_high_standard_farmland"),
                        "planting", Filter.values("t.zzsxdm", "LS", "FLS", "LYFL", "XG", "LLJZ", "WG", "JKHF", "GCHF")),
                "land_parcel", null, 0));
        add(new TileLayer("counties", "县 Counties", "County boundaries.", "polygon", "admin_unit t", "t.boundary", 0, 22,
                attrs("code", "t.code", "name", "t.name"), Map.of(), 99, filters("admin_code", Filter.adminCode("rpad(t.code, 12, '0')")),
                "admin_unit", "t.level = 'county'", 0));
        add(new TileLayer("townships", "乡镇 Townships", "Township boundaries.", "polygon", "admin_unit t", "t.boundary", 4, 22,
                attrs("code", "t.code", "name", "t.name", "kind", "t.kind"), Map.of(), 99,
                filters("admin_code", Filter.adminCode("rpad(t.code, 12, '0')")), "admin_unit", "t.level = 'township'", 0));
        add(new TileLayer("villages", "村 Villages", "Village boundaries.", "polygon", "admin_unit t", "t.boundary", 6, 22,
                attrs("code", "t.code", "name", "t.name", "kind", "t.kind"), Map.of(), 99,
                filters("admin_code", Filter.adminCode("t.code")), "admin_unit", "t.level = 'village'", 0));
        add(new TileLayer("admin_labels", "行政区注记 Administrative labels", "Seats of counties, townships and villages, for labels.", "point",
                "admin_unit t", "t.seat", 0, 22, attrs("code", "t.code", "name", "t.name", "level", "t.level"), Map.of(), 99,
                filters("admin_code", Filter.adminCode("rpad(t.code, 12, '0')"), "level", Filter.values("t.level", "county", "township", "village")),
                "admin_unit", null, 0));
        add(new TileLayer("high_standard_farmland", "高标准农田 High-standard farmland projects", "Project polygons.", "polygon",
                "high_standard_farmland_project t", "t.geom", 6, 22,
                attrs("id", "t.id", "name", "t.name", "status", "t.status", "year", "t.project_year"), Map.of(), 99,
                filters("status", Filter.values("t.status", "planned", "building", "completed", "accepted"),
                        "admin_code", Filter.adminCode("rpad(coalesce(t.township_code, t.county_code), 12, '0')")),
                "high_standard_farmland_project", null, 4));
        add(new TileLayer("protection_zones", "保护区 Protection zones", "Permanent basic farmland, ecological red line, grazing and livestock zones.",
                "polygon", "protection_zone t", "t.geom", 4, 22, attrs("id", "t.id", "zone_type", "t.zone_type", "name", "t.name"), Map.of(), 99,
                filters("zone_type", Filter.values("t.zone_type", "permanent_basic_farmland", "ecological_red_line", "grazing_ban", "rest_grazing",
                        "grass_livestock_balance", "livestock_suitable", "livestock_restricted", "livestock_prohibited"),
                        "admin_code", Filter.adminCode("rpad(t.county_code, 12, '0')")),
                "protection_zone", null, 4));
        add(new TileLayer("belts", "产业带 Altitude belts", "Industry belts of the default schemes.", "polygon",
                "belt t JOIN belt_scheme s ON s.id = t.scheme_id", "t.geom", 4, 22,
                attrs("code", "t.code", "name", "t.name", "colour", "t.colour", "county_code", "s.county_code"), Map.of(), 99,
                filters("admin_code", Filter.adminCode("rpad(s.county_code, 12, '0')")), "belt", "s.is_default", 4));
        add(new TileLayer("circulation_listings", "流转挂牌 Circulation listings", "Land and facilities offered for circulation.", "polygon",
                "circulation_listing t", "t.geom", 8, 22,
                attrs("id", "t.id", "status", "t.status", "land_kind", "t.land_kind", "area_mu", "t.area_mu::float8", "price", "t.price_yuan_per_mu_year::float8"),
                attrs("title", "t.title", "term_years", "t.term_years"), 12,
                filters("status", Filter.values("t.status", "draft", "listed", "negotiating", "closed", "withdrawn"),
                        "land_kind", Filter.values("t.land_kind", "farmland", "pasture", "forest", "garden", "facility", "mixed"),
                        "admin_code", Filter.adminCode("t.village_code")),
                "circulation_listing", null, 0));
        add(new TileLayer("pv_sites", "户用光伏 PV sites", "Roof outlines of household PV sites.", "polygon", "pv_site t", "t.geom", 12, 22,
                attrs("id", "t.id", "status", "t.status", "site_kind", "t.site_kind", "capacity_kw", "t.capacity_kw"), Map.of(), 99,
                filters("status", Filter.values("t.status", "candidate", "surveyed", "filed", "approved", "building", "connected", "rejected"),
                        "site_kind", Filter.values("t.site_kind", "homestead_roof", "livestock_shed", "greenhouse", "yard"),
                        "admin_code", Filter.adminCode("t.village_code")),
                "pv_site", null, 0));
        add(new TileLayer("transformers", "台区 Distribution transformers", "Transformers with their open PV capacity.", "point",
                "distribution_transformer t JOIN distribution_transformer_load l ON l.transformer_id = t.id", "t.geom", 10, 22,
                attrs("id", "t.id", "name", "t.name", "rated_kva", "t.rated_kva", "open_kw", "round(l.open_capacity_kw::numeric, 1)::float8"), Map.of(), 99,
                filters("admin_code", Filter.adminCode("t.village_code")), "distribution_transformer", null, 0));
        add(new TileLayer("homesteads", "宅基地 Homesteads", "Homestead plots with occupancy and revitalization.", "polygon", "homestead t", "t.geom", 13, 22,
                attrs("id", "t.id", "occupancy", "t.occupancy", "revitalization", "t.revitalization_status"), Map.of(), 99,
                filters("occupancy", Filter.values("t.occupancy", "occupied", "seasonal", "idle"),
                        "revitalization", Filter.values("t.revitalization_status", "none", "offered", "negotiating", "revitalized", "withdrawn"),
                        "admin_code", Filter.adminCode("t.village_code")),
                "homestead", null, 0));
        add(new TileLayer("roads", "道路 Roads", "Roads by class.", "line", "road t", "t.geom", 6, 22,
                attrs("id", "t.id", "class", "t.road_class", "name", "t.name"), Map.of(), 99,
                filters("class", Filter.values("t.road_class", "national", "provincial", "county", "township", "village", "farm"),
                        "admin_code", Filter.adminCode("rpad(t.county_code, 12, '0')")),
                "road", null, 0));
        add(new TileLayer("pois", "兴趣点 Points of interest", "Services and tourism.", "point", "poi t", "t.geom", 10, 22,
                attrs("id", "t.id", "kind", "t.kind", "name", "t.name"), Map.of(), 99,
                filters("kind", Filter.values("t.kind", "scenic_spot", "homestay", "market", "school", "clinic", "government", "cooperative",
                        "processing_plant", "bus_stop", "service_station", "temple"), "admin_code", Filter.adminCode("rpad(t.county_code, 12, '0')")),
                "poi", null, 0));
    }

    private static Map<String, Filter> filters(Object... pairs) {
        Map<String, Filter> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Filter) pairs[i + 1]);
        }
        return m;
    }
}
