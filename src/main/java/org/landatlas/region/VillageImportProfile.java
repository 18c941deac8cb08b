package org.landatlas.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.landatlas.exchange.ImportChecks;
import org.landatlas.exchange.ImportProfile;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import static org.landatlas.exchange.ImportChecks.v;

/**
 * Village boundaries (村级行政区 / 村级调查区 of the land survey: XZQDM, XZQMC) as an import profile. A village is
 * added or its name and boundary replaced by code; villages are never removed by an import, since parcels, homesteads
 * and plans refer to them. The township (the first 9 digits) must exist. Imported villages are real
 * ({@code synthetic = false}); their seat becomes a point inside the boundary, their area the ellipsoidal one.
 */
@Component
@org.springframework.core.annotation.Order(2)  // the order profiles are offered in: the survey's parcels first
class VillageImportProfile implements ImportProfile {

    private final AdminUnitQueries units;

    VillageImportProfile(AdminUnitQueries units) {
        this.units = units;
    }

    @Override
    public String name() {
        return "villages";
    }

    @Override
    public String title() {
        return "村级行政区界线 Village boundaries (XZQDM, XZQMC)";
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("xzqdm", true, "行政区代码 XZQDM: the village's 12-digit code (map ZLDWDM's first 12 digits with a mapping if the layer has only those)"),
                new ImportField("xzqmc", true, "行政区名称 XZQMC: the village's name"),
                new ImportField("rk", false, "人口 population (optional)"),
                new ImportField("hs", false, "户数 households (optional)"));
    }

    @Override
    public List<ImportCheck> checks() {
        String key = "left(" + v("xzqdm") + ", 12)";
        List<ImportCheck> checks = new ArrayList<>();
        checks.add(ImportChecks.requiredValues(fields(), key));
        checks.add(ImportChecks.numbers(List.of("rk", "hs"), key));
        checks.add(ImportChecks.duplicateKey("duplicate_code", "村代码重复 A village code appears more than once", key));
        checks.add(ImportChecks.anyOf("bad_code", "村代码不合规 XZQDM is not a village code of the county", key, List.of(
                new ImportChecks.Rule(v("xzqdm") + " !~ '^[0-9]{12}([0-9]{7})?$'", "'XZQDM ' || " + v("xzqdm") + " || ' is not 12 digits'"),
                new ImportChecks.Rule(v("xzqdm") + " ~ '^[0-9]{12}' AND left(" + v("xzqdm") + ", 6) <> :county", "'XZQDM ' || " + v("xzqdm") + " || ' is not in county ' || :county"),
                new ImportChecks.Rule(v("xzqdm") + " ~ '^[0-9]{12}' AND left(" + v("xzqdm") + ", 6) = :county AND NOT (left(" + v("xzqdm") + ", 9) = ANY (CAST(:townships AS text[])))",
                        "'township ' || left(" + v("xzqdm") + ", 9) || ' does not exist (import or create the township first)'"),
                new ImportChecks.Rule("length(" + v("xzqmc") + ") > 100", "'XZQMC is longer than 100 characters'"))));
        checks.addAll(ImportChecks.geometry(key, 3));
        checks.add(ImportChecks.outsideCounty(key, "村界"));
        checks.add(new ImportCheck("villages_missing", "本县有而文件中没有的村（不会删除）Villages of the county the file lacks (kept)", false,
                "SELECT NULL::integer AS row_no, c AS record_key, 'village ' || c || ' is not in the file; it is kept' AS detail FROM unnest(CAST(:villages AS text[])) AS c"
                        + " WHERE NOT EXISTS (SELECT 1 FROM {staged} s WHERE left(" + v("xzqdm") + ", 12) = c)"));
        return checks;
    }

    @Override
    public Map<String, Object> checkParameters(String countyCode) {
        return Map.of("boundary", units.boundaryWkb(countyCode), "villages", units.villageCodes(countyCode).toArray(String[]::new),
                "townships", units.townshipCodes(countyCode).toArray(String[]::new));
    }

    @Override
    public void merge(NamedParameterJdbcTemplate jdbc, StagedLayer layer, String countyCode, boolean repairGeometries) {
        String geom = repairGeometries ? ImportChecks.repairedGeometry(3) : "s.geom";
        MapSqlParameterSource p = new MapSqlParameterSource("county", countyCode);
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE village_incoming ON COMMIT DROP AS SELECT left(" + v("xzqdm") + ", 12) AS code, " + v("xzqmc") + " AS name,"
                + " round(" + v("rk") + "::numeric)::integer AS population, round(" + v("hs") + "::numeric)::integer AS households, ST_Multi(" + geom + ") AS geom"
                + " FROM " + layer.table() + " s");
        jdbc.update("INSERT INTO " + layer.changes() + " (record_key, change, fields) SELECT n.code, 'changed', jsonb_strip_nulls(jsonb_build_object("
                + "'name', CASE WHEN o.name IS DISTINCT FROM n.name THEN jsonb_build_array(o.name, n.name) END,"
                + "'population', CASE WHEN n.population IS NOT NULL AND o.population IS DISTINCT FROM n.population THEN jsonb_build_array(o.population, n.population) END,"
                + "'households', CASE WHEN n.households IS NOT NULL AND o.households IS DISTINCT FROM n.households THEN jsonb_build_array(o.households, n.households) END,"
                + "'geometry_m2', CASE WHEN o.boundary IS DISTINCT FROM n.geom THEN jsonb_build_array(round(o.area_m2::numeric), round(ST_Area(n.geom::geography)::numeric)) END))"
                + " FROM admin_unit o JOIN pg_temp.village_incoming n ON n.code = o.code"
                + " WHERE o.synthetic OR o.name IS DISTINCT FROM n.name OR o.boundary IS DISTINCT FROM n.geom"
                + " OR n.population IS NOT NULL AND o.population IS DISTINCT FROM n.population OR n.households IS NOT NULL AND o.households IS DISTINCT FROM n.households", p);
        jdbc.update("WITH u AS (INSERT INTO admin_unit AS o (code, level, name, kind, parent_code, county_code, population, households, area_m2, synthetic, boundary, seat)"
                + " SELECT n.code, 'village', n.name, CASE WHEN n.name LIKE '%嘎查' THEN '嘎查' WHEN n.name LIKE '%社区' THEN '社区' ELSE '村' END, left(n.code, 9), :county,"
                + " n.population, n.households, ST_Area(n.geom::geography), false, n.geom, ST_PointOnSurface(n.geom) FROM pg_temp.village_incoming n"
                + " ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, population = coalesce(EXCLUDED.population, o.population),"
                + " households = coalesce(EXCLUDED.households, o.households), area_m2 = EXCLUDED.area_m2, boundary = EXCLUDED.boundary,"
                + " seat = CASE WHEN ST_Intersects(EXCLUDED.boundary, o.seat) THEN o.seat ELSE EXCLUDED.seat END, synthetic = false"
                + " WHERE o.synthetic OR o.name IS DISTINCT FROM EXCLUDED.name OR o.boundary IS DISTINCT FROM EXCLUDED.boundary"
                + " OR EXCLUDED.population IS NOT NULL AND o.population IS DISTINCT FROM EXCLUDED.population"
                + " OR EXCLUDED.households IS NOT NULL AND o.households IS DISTINCT FROM EXCLUDED.households"
                + " RETURNING o.code, xmax = 0 AS inserted)"
                + " INSERT INTO " + layer.changes() + " (record_key, change) SELECT code, 'added' FROM u WHERE inserted", p);
    }
}
