package org.landatlas.parcel;

/**
 * What use supervision (用途监管, in circulation) reads of each parcel: its protection (permanent basic farmland,
 * high-standard farmland), whether it is cropland planted to grain (三调 种植属性 ZZSXDM {@code LS} 粮食作物) and
 * whether its current land class is construction land (the Land Administration Law's 三大类 建设用地 of
 * {@code land_class.three_class}: GB/T 21010 05–10, 1201 空闲地 …). Given as an SQL FROM item so that the reader
 * joins it to its own tables in one statement — a GraphQL page and a tile layer alike — while the parcel tables
 * are named here only.
 */
public final class ParcelUseFacts {

    /** The table whose changes change the facts: what a tile layer drawn from them names in its invalidatedBy. */
    public static final String TABLE = "land_parcel";

    private ParcelUseFacts() {
    }

    /**
     * A FROM item with alias {@code alias} and the columns {@code parcel_id}, {@code county_code},
     * {@code village_code}, {@code area_mu}, {@code pbf}, {@code hsf}, {@code grain_planting}, {@code construction},
     * {@code land_class_code}, {@code land_class_name} and {@code geom} (MultiPolygon, EPSG:4490).
     */
    public static String fromItem(String alias) {
        return """
                (SELECT p.id AS parcel_id, p.county_code, p.village_code, p.area_mu, p.is_permanent_basic_farmland AS pbf,
                        p.is_high_standard_farmland AS hsf, coalesce(lc.class_group = 'farmland' AND p.zzsxdm = 'LS', false) AS grain_planting,
                        coalesce(lc.three_class = 'construction', false) AS construction, p.dlbm AS land_class_code, p.dlmc AS land_class_name, p.geom
                 FROM land_parcel p LEFT JOIN land_class lc ON lc.class_system = p.class_system AND lc.code = p.dlbm) """ + alias;
    }
}
