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
 * High-standard farmland projects (高标准农田建设项目) as an import profile, keyed by the project number XMBH. The
 * status may be given in English (planned, building, completed, accepted) or as the bureau writes it (规划, 在建,
 * 建成/已建成, 验收/已验收). After the merge the county's parcels are linked anew: a parcel belongs to the built
 * (completed or accepted) project whose area holds a point inside it (parcels under the imported projects, before and
 * after, are looked at; the rest keep their link).
 */
@Component
@org.springframework.core.annotation.Order(4)  // the order profiles are offered in: the survey's parcels first
class HighStandardFarmlandImportProfile implements ImportProfile {

    /** The status as stored, from the file's wording. */
    private static final String STATUS = "CASE lower(" + v("jszt") + ") WHEN 'planned' THEN 'planned' WHEN '规划' THEN 'planned' WHEN '计划' THEN 'planned'"
            + " WHEN 'building' THEN 'building' WHEN '在建' THEN 'building' WHEN 'completed' THEN 'completed' WHEN '建成' THEN 'completed' WHEN '已建成' THEN 'completed'"
            + " WHEN 'accepted' THEN 'accepted' WHEN '验收' THEN 'accepted' WHEN '已验收' THEN 'accepted' END";

    private final AdminUnitQueries units;

    HighStandardFarmlandImportProfile(AdminUnitQueries units) {
        this.units = units;
    }

    @Override
    public String name() {
        return "hsf";
    }

    @Override
    public String title() {
        return "高标准农田建设项目 High-standard farmland projects";
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("xmbh", true, "项目编号 XMBH: the project's key; a re-import updates by it"),
                new ImportField("xmmc", true, "项目名称 XMMC"),
                new ImportField("jsnd", true, "建设年度 JSND (year)"),
                new ImportField("jszt", true, "建设状态 JSZT: planned/规划, building/在建, completed/建成, accepted/验收"),
                new ImportField("ghmj", true, "规划面积 GHMJ, mu (亩)"),
                new ImportField("tze", false, "投资额 TZE, 10,000 yuan (万元)"),
                new ImportField("xzqdm", false, "乡镇代码 XZQDM: the township (9 digits) it lies in"));
    }

    @Override
    public List<ImportCheck> checks() {
        String key = "btrim(s.xmbh)";
        List<ImportCheck> checks = new ArrayList<>();
        checks.add(ImportChecks.requiredValues(fields(), key));
        checks.add(ImportChecks.numbers(List.of("jsnd", "ghmj", "tze"), key));
        checks.add(ImportChecks.duplicateKey("duplicate_project", "项目编号重复 A project number appears more than once", key));
        checks.add(ImportChecks.anyOf("bad_code", "字段值不合规 A value is outside its list or range", key, List.of(
                new ImportChecks.Rule(v("jszt") + " IS NOT NULL AND " + STATUS + " IS NULL", "'JSZT ' || " + v("jszt") + " || ' (planned, building, completed, accepted)'"),
                new ImportChecks.Rule(isNumber("jsnd") + " AND round(" + v("jsnd") + "::numeric) NOT BETWEEN 2000 AND 2100", "'JSND ' || " + v("jsnd") + " || ' (2000–2100)'"),
                new ImportChecks.Rule(isNumber("ghmj") + " AND " + v("ghmj") + "::numeric <= 0", "'GHMJ ' || " + v("ghmj") + " || ' is not positive'"),
                new ImportChecks.Rule(isNumber("tze") + " AND " + v("tze") + "::numeric < 0", "'TZE ' || " + v("tze") + " || ' is negative'"),
                new ImportChecks.Rule(v("xzqdm") + " IS NOT NULL AND NOT (left(" + v("xzqdm") + ", 9) = ANY (CAST(:townships AS text[])))",
                        "'XZQDM ' || " + v("xzqdm") + " || ' is not a township of the county'"))));
        checks.add(new ImportCheck("project_in_other_county", "项目编号已属于其他县 The project number belongs to another county's project", true,
                "SELECT s.row_no, " + key + " AS record_key, 'project ' || p.project_no || ' is of county ' || p.county_code AS detail"
                        + " FROM {staged} s JOIN high_standard_farmland_project p ON p.project_no = " + key + " WHERE p.county_code <> :county"));
        checks.addAll(ImportChecks.geometry(key, 3));
        checks.add(ImportChecks.outsideCounty(key, "项目区"));
        return checks;
    }

    @Override
    public Map<String, Object> checkParameters(String countyCode) {
        return Map.of("boundary", units.boundaryWkb(countyCode), "townships", units.townshipCodes(countyCode).toArray(String[]::new));
    }

    @Override
    public void merge(NamedParameterJdbcTemplate jdbc, StagedLayer layer, String countyCode, boolean repairGeometries) {
        String geom = repairGeometries ? ImportChecks.repairedGeometry(3) : "s.geom";
        MapSqlParameterSource p = new MapSqlParameterSource("county", countyCode);
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE hsf_incoming ON COMMIT DROP AS SELECT btrim(s.xmbh) AS project_no, " + v("xmmc") + " AS name,"
                + " round(" + v("jsnd") + "::numeric)::smallint AS project_year, " + STATUS + " AS status, " + v("tze") + "::numeric(12, 2) AS investment,"
                + v("ghmj") + "::numeric(12, 2) AS planned_area_mu, left(" + v("xzqdm") + ", 9) AS township_code, ST_Multi(" + geom + ") AS geom FROM " + layer.table() + " s");
        jdbc.update("CREATE TEMP TABLE hsf_touched ON COMMIT DROP AS SELECT geom FROM pg_temp.hsf_incoming UNION ALL SELECT o.geom"
                + " FROM high_standard_farmland_project o JOIN pg_temp.hsf_incoming n ON n.project_no = o.project_no UNION ALL SELECT geom"
                + " FROM high_standard_farmland_project WHERE county_code = :county AND NOT synthetic", p);
        String[] cols = {"name", "project_year", "status", "investment_wan_yuan", "planned_area_mu", "township_code"};
        String[] incoming = {"n.name", "n.project_year", "n.status", "n.investment", "n.planned_area_mu", "n.township_code"};
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < cols.length; i++) {
            diff.append("'").append(cols[i]).append("', CASE WHEN o.").append(cols[i]).append(" IS DISTINCT FROM ").append(incoming[i])
                    .append(" THEN jsonb_build_array(o.").append(cols[i]).append(", ").append(incoming[i]).append(") END, ");
        }
        String old = "(o.name, o.project_year, o.status, o.investment_wan_yuan, o.planned_area_mu, o.township_code)";
        jdbc.update("INSERT INTO " + layer.changes() + " (record_key, change, fields) SELECT n.project_no, 'changed', jsonb_strip_nulls(jsonb_build_object(" + diff
                + "'geometry_m2', CASE WHEN o.geom IS DISTINCT FROM n.geom THEN jsonb_build_array(round(o.area_m2::numeric, 2), round(ST_Area(n.geom::geography)::numeric, 2)) END))"
                + " FROM high_standard_farmland_project o JOIN pg_temp.hsf_incoming n ON n.project_no = o.project_no WHERE o.county_code = :county"
                + " AND (o.synthetic OR " + old + " IS DISTINCT FROM (" + String.join(", ", incoming) + ") OR o.geom IS DISTINCT FROM n.geom)", p);
        if (layer.scope() == Scope.COUNTY) {
            String gone = "SELECT o.id FROM high_standard_farmland_project o WHERE o.county_code = :county AND NOT o.synthetic"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_temp.hsf_incoming n WHERE n.project_no = o.project_no)";
            jdbc.update("UPDATE land_parcel SET hsf_project_id = NULL, is_high_standard_farmland = false, updated_at = now() WHERE hsf_project_id IN (" + gone + ")", p);
            jdbc.update("WITH d AS (DELETE FROM high_standard_farmland_project o WHERE o.id IN (" + gone + ") RETURNING o.project_no)"
                    + " INSERT INTO " + layer.changes() + " (record_key, change) SELECT project_no, 'removed' FROM d", p);
        }
        jdbc.update("WITH u AS (INSERT INTO high_standard_farmland_project AS o (county_code, township_code, project_no, name, project_year, status, investment_wan_yuan,"
                + " planned_area_mu, area_m2, synthetic, geom)"
                + " SELECT :county, n.township_code, n.project_no, n.name, n.project_year, n.status, n.investment, n.planned_area_mu, ST_Area(n.geom::geography), false, n.geom"
                + " FROM pg_temp.hsf_incoming n"
                + " ON CONFLICT (project_no) DO UPDATE SET township_code = EXCLUDED.township_code, name = EXCLUDED.name, project_year = EXCLUDED.project_year,"
                + " status = EXCLUDED.status, investment_wan_yuan = EXCLUDED.investment_wan_yuan, planned_area_mu = EXCLUDED.planned_area_mu, area_m2 = EXCLUDED.area_m2,"
                + " geom = EXCLUDED.geom, synthetic = false"
                + " WHERE o.county_code = EXCLUDED.county_code AND (o.synthetic OR " + old + " IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.project_year, EXCLUDED.status,"
                + " EXCLUDED.investment_wan_yuan, EXCLUDED.planned_area_mu, EXCLUDED.township_code) OR o.geom IS DISTINCT FROM EXCLUDED.geom)"
                + " RETURNING o.project_no, xmax = 0 AS inserted)"
                + " INSERT INTO " + layer.changes() + " (record_key, change) SELECT project_no, 'added' FROM u WHERE inserted", p);
        // Parcels follow the built projects (only rows whose link changes are written).
        jdbc.update("UPDATE land_parcel t SET hsf_project_id = f.project, is_high_standard_farmland = f.project IS NOT NULL, updated_at = now() FROM ("
                + " SELECT t2.id, (SELECT z.id FROM high_standard_farmland_project z WHERE z.county_code = :county AND z.status IN ('completed', 'accepted')"
                + " AND ST_Intersects(z.geom, ST_PointOnSurface(t2.geom)) ORDER BY z.project_year DESC, z.id LIMIT 1) AS project"
                + " FROM land_parcel t2 WHERE t2.county_code = :county AND EXISTS (SELECT 1 FROM pg_temp.hsf_touched x WHERE x.geom && t2.geom)) f"
                + " WHERE t.id = f.id AND (t.hsf_project_id IS DISTINCT FROM f.project OR t.is_high_standard_farmland IS DISTINCT FROM (f.project IS NOT NULL))", p);
    }
}
