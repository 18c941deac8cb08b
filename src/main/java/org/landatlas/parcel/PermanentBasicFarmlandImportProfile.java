package org.landatlas.parcel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.landatlas.exchange.ImportChecks;
import org.landatlas.exchange.ImportProfile;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import static org.landatlas.exchange.ImportChecks.isNumber;
import static org.landatlas.exchange.ImportChecks.v;

/**
 * Permanent basic farmland (永久基本农田图斑 YJJBNTTB) as an import profile: each polygon becomes a protection zone
 * of type permanent_basic_farmland keyed by its BSM; a newer file updates by BSM and (scope county) removes the
 * county's imported zones it lacks. After the merge the county's parcels are flagged anew: a parcel is permanent
 * basic farmland when a point inside it lies in one of the county's zones (parcels under the imported zones, before
 * and after, are looked at; the rest keep their flag).
 */
@Component
@org.springframework.core.annotation.Order(3)  // the order profiles are offered in: the survey's parcels first
class PermanentBasicFarmlandImportProfile implements ImportProfile {

    private final AdminUnitQueries units;

    PermanentBasicFarmlandImportProfile(AdminUnitQueries units) {
        this.units = units;
    }

    @Override
    public String name() {
        return "pbf";
    }

    @Override
    public String title() {
        return "永久基本农田图斑 YJJBNTTB (permanent basic farmland)";
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("bsm", true, "标识码 BSM: the zone's key; a re-import updates by it"),
                new ImportField("jbnttbbh", false, "基本农田图斑编号 JBNTTBBH (used as the name when given)"),
                new ImportField("dlbm", false, "地类编码 DLBM of the underlying land"),
                new ImportField("zldwdm", false, "坐落单位代码 ZLDWDM"),
                new ImportField("sjnf", false, "数据年份 SJNF (kept as the year of designation)"),
                new ImportField("bz", false, "备注 BZ"));
    }

    @Override
    public List<ImportCheck> checks() {
        String key = "btrim(s.bsm)";
        List<ImportCheck> checks = new ArrayList<>();
        checks.add(ImportChecks.requiredValues(fields(), key));
        checks.add(ImportChecks.numbers(List.of("sjnf"), key));
        checks.add(ImportChecks.duplicateKey("duplicate_bsm", "标识码重复 BSM appears more than once", key));
        checks.add(ImportChecks.anyOf("bad_code", "代码不合规 A code is outside its list", key, List.of(
                new ImportChecks.Rule(isNumber("sjnf") + " AND round(" + v("sjnf") + "::numeric) NOT BETWEEN 1990 AND 2100", "'SJNF ' || " + v("sjnf")),
                new ImportChecks.Rule(v("zldwdm") + " !~ '^[0-9]{12,19}$'", "'ZLDWDM ' || " + v("zldwdm") + " || ' is not a unit code'"))));
        checks.addAll(ImportChecks.geometry(key, 3));
        checks.add(ImportChecks.outsideCounty(key, "基本农田图斑"));
        return checks;
    }

    @Override
    public Map<String, Object> checkParameters(String countyCode) {
        return Map.of("boundary", units.boundaryWkb(countyCode));
    }

    @Override
    public void merge(NamedParameterJdbcTemplate jdbc, StagedLayer layer, String countyCode, boolean repairGeometries) {
        String geom = repairGeometries ? ImportChecks.repairedGeometry(3) : "s.geom";
        MapSqlParameterSource p = new MapSqlParameterSource("county", countyCode);
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE pbf_incoming ON COMMIT DROP AS SELECT btrim(s.bsm) AS bsm,"
                + " coalesce('永久基本农田 ' || " + v("jbnttbbh") + ", '永久基本农田 ' || btrim(s.bsm)) AS name, round(" + v("sjnf") + "::numeric)::smallint AS year,"
                + v("bz") + " AS rules, ST_Multi(" + geom + ") AS geom FROM " + layer.table() + " s");
        // Where parcels may change their flag: under the imported zones before and after the merge.
        jdbc.update("CREATE TEMP TABLE pbf_touched ON COMMIT DROP AS SELECT geom FROM pg_temp.pbf_incoming UNION ALL SELECT geom FROM protection_zone"
                + " WHERE county_code = :county AND zone_type = 'permanent_basic_farmland' AND source_key IS NOT NULL", p);
        jdbc.update("INSERT INTO " + layer.changes() + " (record_key, change, fields) SELECT n.bsm, 'changed', jsonb_strip_nulls(jsonb_build_object("
                + "'name', CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_array(o.name, n.name) END,"
                + "'year', CASE WHEN o.designated_year IS DISTINCT FROM n.year THEN jsonb_build_array(o.designated_year, n.year) END,"
                + "'geometry_m2', CASE WHEN o.geom IS DISTINCT FROM n.geom THEN jsonb_build_array(round(o.area_m2::numeric, 2), round(ST_Area(n.geom::geography)::numeric, 2)) END))"
                + " FROM protection_zone o JOIN pg_temp.pbf_incoming n ON n.bsm = o.source_key"
                + " WHERE o.county_code = :county AND o.zone_type = 'permanent_basic_farmland'"
                + " AND (o.name IS DISTINCT FROM n.name OR o.designated_year IS DISTINCT FROM n.year OR o.geom IS DISTINCT FROM n.geom)", p);
        if (layer.scope() == Scope.COUNTY) {
            jdbc.update("WITH d AS (DELETE FROM protection_zone o WHERE o.county_code = :county AND o.zone_type = 'permanent_basic_farmland' AND o.source_key IS NOT NULL"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_temp.pbf_incoming n WHERE n.bsm = o.source_key) RETURNING o.source_key)"
                    + " INSERT INTO " + layer.changes() + " (record_key, change) SELECT source_key, 'removed' FROM d", p);
        }
        jdbc.update("WITH u AS (INSERT INTO protection_zone AS o (county_code, zone_type, name, designated_year, rules, area_m2, synthetic, geom, source_key)"
                + " SELECT :county, 'permanent_basic_farmland', n.name, n.year, n.rules, ST_Area(n.geom::geography), false, n.geom, n.bsm FROM pg_temp.pbf_incoming n"
                + " ON CONFLICT (county_code, zone_type, source_key) WHERE source_key IS NOT NULL DO UPDATE SET name = EXCLUDED.name, designated_year = EXCLUDED.designated_year,"
                + " rules = EXCLUDED.rules, area_m2 = EXCLUDED.area_m2, geom = EXCLUDED.geom"
                + " WHERE (o.name, o.designated_year, o.rules) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.designated_year, EXCLUDED.rules) OR o.geom IS DISTINCT FROM EXCLUDED.geom"
                + " RETURNING o.source_key, xmax = 0 AS inserted)"
                + " INSERT INTO " + layer.changes() + " (record_key, change) SELECT source_key, 'added' FROM u WHERE inserted", p);
        // The parcels' flag follows the zones (only rows whose flag changes are written).
        jdbc.update("UPDATE land_parcel t SET is_permanent_basic_farmland = f.inside, updated_at = now() FROM ("
                + " SELECT t2.id, EXISTS (SELECT 1 FROM protection_zone z WHERE z.county_code = :county AND z.zone_type = 'permanent_basic_farmland'"
                + " AND ST_Intersects(z.geom, ST_PointOnSurface(t2.geom))) AS inside FROM land_parcel t2 WHERE t2.county_code = :county"
                + " AND EXISTS (SELECT 1 FROM pg_temp.pbf_touched x WHERE x.geom && t2.geom)) f"
                + " WHERE t.id = f.id AND t.is_permanent_basic_farmland IS DISTINCT FROM f.inside", p);
    }
}
