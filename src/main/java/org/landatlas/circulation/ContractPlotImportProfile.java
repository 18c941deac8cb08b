package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.landatlas.exchange.ImportChecks;
import org.landatlas.exchange.ImportChecks.Rule;
import org.landatlas.exchange.ImportProfile;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import static org.landatlas.exchange.ImportChecks.isNumber;
import static org.landatlas.exchange.ImportChecks.listed;
import static org.landatlas.exchange.ImportChecks.v;

/**
 * 确权承包地块 CBDK: the plots of the rural land contract-right registration (农村土地承包经营权确权登记颁证) as an
 * import profile filling {@code contract_plot}. A plot is keyed by its 19-digit DKBM, whose first 14 digits are the
 * 发包方 FBFBM (village 12 + villager group 2); the village must be one of the county's. A newer file updates by DKBM;
 * the scope says which of the county's plots the file lacks are removed (county: all, villages: those of the file's
 * villages, add: none). The 承包方 is kept as its code CBFBM only, linked to {@code household} when a household of
 * that number exists.
 *
 * <p>Personal data is never stored: a 确权 layer often carries 承包方名称 CBFMC and 指界人 ZJRXM (farmers' names);
 * they are not fields of this profile, are not copied into {@code contract_plot}, and the check report only says that
 * they were left out (never their values).
 */
@Component
@org.springframework.core.annotation.Order(5)  // the order profiles are offered in: the survey's parcels first
class ContractPlotImportProfile implements ImportProfile {

    /** Fields of the file that hold personal data and are dropped (lower case, as staged). */
    static final List<String> PERSONAL_FIELDS = List.of("cbfmc", "zjrxm");

    private final AdminUnitQueries units;

    ContractPlotImportProfile(AdminUnitQueries units) {
        this.units = units;
    }

    @Override
    public String name() {
        return "cbdk";
    }

    @Override
    public String title() {
        return "确权承包地块 CBDK (contract-land registration plots)";
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("dkbm", true, "地块编码 DKBM: the plot's 19-digit code (发包方编码 14 + serial 5); a re-import updates by it"),
                new ImportField("fbfbm", true, "发包方编码 FBFBM: the 14-digit code of the contracting collective (village 12 + group 2), the first 14 digits of DKBM"),
                new ImportField("dkmc", false, "地块名称 DKMC"),
                new ImportField("syqxz", false, "所有权性质 SYQXZ: 10 state, 30 collective, 31 villager group, 32 village collective, 33 township collective, 34 other collective"),
                new ImportField("dklb", false, "地块类别 DKLB: 10 contracted land, 21 自留地, 22 机动地, 23 开荒地, 24 other collective land, 99 other"),
                new ImportField("tdlylx", false, "土地利用类型 TDLYLX: land-use (land-class) code, e.g. 011 / 0103"),
                new ImportField("dldj", false, "地力等级 DLDJ: soil fertility grade 01 (best) … 10"),
                new ImportField("tdyt", false, "土地用途 TDYT: 1 planting, 2 forestry, 3 animal husbandry, 4 fishery, 5 non-agricultural"),
                new ImportField("sfjbnt", false, "是否基本农田 SFJBNT: 1 yes, 2 no"),
                new ImportField("scmj", false, "实测面积 SCMJ in m² (as 确权 data usually states it)"),
                new ImportField("scmjm", false, "实测面积 SCMJM in 亩, used when SCMJ is empty (1 亩 = 10000/15 m²)"),
                new ImportField("dkdz", false, "地块东至 DKDZ: what borders the plot to the east"),
                new ImportField("dknz", false, "地块南至 DKNZ: to the south"),
                new ImportField("dkxz", false, "地块西至 DKXZ: to the west"),
                new ImportField("dkbz", false, "地块北至 DKBZ: to the north"),
                new ImportField("cbhtbm", false, "承包合同编码 CBHTBM"),
                new ImportField("lzhtbm", false, "流转合同编码 LZHTBM (when the plot is circulated)"),
                new ImportField("cbjyqzbm", false, "承包经营权证编码 CBJYQZBM: the contract-right certificate"),
                new ImportField("cbfbm", false, "承包方编码 CBFBM: the contracting household's code, linked to the household of that number when it exists."
                        + " 承包方名称 CBFMC and 指界人 ZJRXM are personal data and are not imported"));
    }

    @Override
    public List<ImportCheck> checks() {
        String key = "btrim(s.dkbm)";
        List<ImportCheck> checks = new ArrayList<>();
        checks.add(ImportChecks.requiredValues(fields(), key));
        checks.add(ImportChecks.numbers(List.of("scmj", "scmjm"), key));
        checks.add(ImportChecks.duplicateKey("duplicate_dkbm", "地块编码重复 DKBM appears more than once", key));
        checks.add(ImportChecks.anyOf("bad_code", "代码不合规 A code is outside its list", key, List.of(
                new Rule(v("dkbm") + " !~ '^[0-9]{19}$'", "'DKBM ' || " + v("dkbm") + " || ' is not 19 digits'"),
                new Rule(v("fbfbm") + " !~ '^[0-9]{14}$'", "'FBFBM ' || " + v("fbfbm") + " || ' is not 14 digits'"),
                new Rule(v("dkbm") + " ~ '^[0-9]{19}$' AND " + v("fbfbm") + " ~ '^[0-9]{14}$' AND left(" + v("dkbm") + ", 14) <> " + v("fbfbm"),
                        "'FBFBM ' || " + v("fbfbm") + " || ' is not the first 14 digits of DKBM'"),
                new Rule("NOT " + listed(v("syqxz"), "10", "30", "31", "32", "33", "34"), "'SYQXZ ' || " + v("syqxz") + " || ' (10, 30–34)'"),
                new Rule("NOT " + listed(v("dklb"), "10", "21", "22", "23", "24", "99"), "'DKLB ' || " + v("dklb") + " || ' (10, 21–24, 99)'"),
                new Rule(v("dldj") + " !~ '^(0?[1-9]|10)$'", "'DLDJ ' || " + v("dldj") + " || ' (01–10)'"),
                new Rule("NOT " + listed(v("tdyt"), "1", "2", "3", "4", "5"), "'TDYT ' || " + v("tdyt") + " || ' (1–5)'"),
                new Rule("NOT " + listed(v("sfjbnt"), "1", "2"), "'SFJBNT ' || " + v("sfjbnt") + " || ' (1 yes, 2 no)'"),
                new Rule(v("tdlylx") + " !~ '^[0-9A-Za-z]{2,6}$'", "'TDLYLX ' || " + v("tdlylx") + " || ' is not a land-use code'"),
                new Rule(v("cbfbm") + " !~ '^[0-9]{14,22}$'", "'CBFBM ' || " + v("cbfbm") + " || ' is not a 承包方 code (14–22 digits)'"),
                new Rule("length(" + v("dkmc") + ") > 100 OR length(" + v("cbhtbm") + ") > 30 OR length(" + v("lzhtbm") + ") > 30 OR length(" + v("cbjyqzbm") + ") > 30",
                        "'DKMC longer than 100 or CBHTBM / LZHTBM / CBJYQZBM longer than 30 characters'"),
                new Rule(isNumber("scmj") + " AND " + v("scmj") + "::numeric <= 0", "'SCMJ ' || " + v("scmj") + " || ' is not positive'"),
                new Rule(isNumber("scmjm") + " AND " + v("scmjm") + "::numeric <= 0", "'SCMJM ' || " + v("scmjm") + " || ' is not positive'"))));
        checks.add(new ImportCheck("village_not_in_county", "地块编码的村不是本县的村 DKBM's village (first 12 digits) is not a village of the county", true,
                "SELECT row_no, " + key + " AS record_key, 'village ' || left(" + v("dkbm") + ", 12) || ' (from DKBM) is not a village of county ' || :county AS detail"
                        + " FROM {staged} s WHERE " + v("dkbm") + " ~ '^[0-9]{19}$' AND NOT (left(" + v("dkbm") + ", 12) = ANY (CAST(:villages AS text[])))"));
        checks.add(new ImportCheck("area_mismatch", "实测面积与椭球面积不符 SCMJ differs from the ellipsoidal area (more than 5 % and 10 m²)", false,
                "SELECT row_no, " + key + " AS record_key, 'SCMJ ' || " + measuredArea() + "::numeric(14, 2) || ' m², ellipsoidal ' || round(ST_Area(s.geom::geography)::numeric, 2) || ' m²' AS detail"
                        + " FROM {staged} s WHERE s.geom IS NOT NULL AND ST_IsValid(s.geom) AND " + measuredArea() + " IS NOT NULL"
                        + " AND abs(" + measuredArea() + " - ST_Area(s.geom::geography)::numeric) > greatest(10, 0.05 * " + measuredArea() + ")"));
        checks.add(new ImportCheck("household_unknown", "承包方编码没有对应的农户（只保存编码）CBFBM names no known household (the code is kept)", false,
                "SELECT row_no, " + key + " AS record_key, 'no household ' || " + v("cbfbm") + " AS detail FROM {staged} s"
                        + " WHERE " + v("cbfbm") + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM household h WHERE h.household_no = " + v("cbfbm") + ")"));
        // Only whether the file has them: their values (names) never reach a report.
        checks.add(new ImportCheck("personal_fields_dropped", "个人信息字段不导入 Personal fields of the file (CBFMC 承包方名称, ZJRXM 指界人) are not stored", false,
                "SELECT NULL::integer AS row_no, NULL::text AS record_key, 'fields ' || (SELECT string_agg(upper(k), ', ') FROM jsonb_object_keys(x.j) k WHERE k IN ("
                        + PERSONAL_FIELDS.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + ")) || ' are left out (personal data)' AS detail"
                        + " FROM (SELECT to_jsonb(s) - 'geom' AS j FROM {staged} s LIMIT 1) x WHERE jsonb_exists_any(x.j, ARRAY[" 
                        + PERSONAL_FIELDS.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + "])"));
        checks.add(new ImportCheck("removed_on_commit", "提交时将删除的已导入地块（文件中没有）Imported plots the file lacks: removed on commit", false,
                "SELECT NULL::integer AS row_no, p.dkbm AS record_key, 'plot ' || p.dkbm || coalesce(' (' || p.dkmc || ')', '') || ' is not in the file' AS detail"
                        + " FROM contract_plot p WHERE p.county_code = :county AND NOT p.synthetic AND (:scope = 'county' OR :scope = 'villages'"
                        + " AND p.village_code IN (SELECT DISTINCT left(btrim(y.dkbm), 12) FROM {staged} y))"
                        + " AND NOT EXISTS (SELECT 1 FROM {staged} x WHERE btrim(x.dkbm) = p.dkbm)"));
        checks.addAll(ImportChecks.geometry(key, 3));
        checks.add(ImportChecks.outsideCounty(key, "承包地块"));
        return checks;
    }

    /** SCMJ in m², or SCMJM in 亩 converted, as numeric (NULL when neither is a number). */
    private static String measuredArea() {
        return "CASE WHEN " + isNumber("scmj") + " THEN " + v("scmj") + "::numeric WHEN " + isNumber("scmjm") + " THEN " + v("scmjm") + "::numeric * 10000 / 15 END";
    }

    @Override
    public Map<String, Object> checkParameters(String countyCode) {
        return Map.of("boundary", units.boundaryWkb(countyCode), "villages", units.villageCodes(countyCode).toArray(String[]::new));
    }

    /** Columns compared and written, with the staged expression of each. */
    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("village_code", "left(btrim(s.dkbm), 12)");
        c.put("fbfbm", v("fbfbm"));
        for (String f : List.of("dkmc", "syqxz", "dklb", "tdlylx", "tdyt", "dkdz", "dknz", "dkxz", "dkbz", "cbhtbm", "lzhtbm", "cbjyqzbm", "cbfbm")) {
            c.put(f, v(f));
        }
        c.put("dldj", "lpad(" + v("dldj") + ", 2, '0')");
        c.put("sfjbnt", "CASE " + v("sfjbnt") + " WHEN '1' THEN true WHEN '2' THEN false END");
        c.put("scmj_m2", "round(" + measuredArea() + ", 2)");
        return c;
    }

    @Override
    public void merge(NamedParameterJdbcTemplate jdbc, StagedLayer layer, String countyCode, boolean repairGeometries) {
        Map<String, String> cols = columns();
        String geom = repairGeometries ? ImportChecks.repairedGeometry(3) : "s.geom";
        // The file's rows as contract_plot values, computed once for the diff and the upsert.
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE cbdk_incoming ON COMMIT DROP AS SELECT btrim(s.dkbm) AS dkbm, "
                + cols.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey()).collect(Collectors.joining(", "))
                + ", g.geom, ST_Area(g.geom::geography) AS area_m2 FROM " + layer.table() + " s CROSS JOIN LATERAL (SELECT ST_Multi(" + geom + ") AS geom) g");
        jdbc.getJdbcTemplate().execute("CREATE UNIQUE INDEX ON pg_temp.cbdk_incoming (dkbm)");
        MapSqlParameterSource p = new MapSqlParameterSource("county", countyCode);
        String changes = layer.changes();
        List<String> compared = List.copyOf(cols.keySet());
        String diffs = compared.stream().map(f -> "'" + f + "', CASE WHEN o." + f + " IS DISTINCT FROM n." + f + " THEN jsonb_build_array(o." + f + ", n." + f + ") END")
                .collect(Collectors.joining(", "));
        jdbc.update("INSERT INTO " + changes + " (record_key, change, fields) SELECT dkbm, 'changed', fields FROM ("
                + "SELECT o.dkbm, jsonb_strip_nulls(jsonb_build_object(" + diffs + ", 'geometry_m2', CASE WHEN o.geom IS DISTINCT FROM n.geom"
                + " THEN jsonb_build_array(round(o.area_m2::numeric, 2), round(n.area_m2::numeric, 2)) END)) AS fields"
                + " FROM contract_plot o JOIN pg_temp.cbdk_incoming n ON n.dkbm = o.dkbm WHERE o.county_code = :county) d"
                + " WHERE fields <> '{}'::jsonb", p);
        if (layer.scope() != Scope.ADD) {
            String inScope = layer.scope() == Scope.VILLAGES ? " AND o.village_code IN (SELECT DISTINCT n.village_code FROM pg_temp.cbdk_incoming n)" : "";
            jdbc.update("WITH d AS (DELETE FROM contract_plot o WHERE o.county_code = :county AND NOT o.synthetic" + inScope
                    + " AND NOT EXISTS (SELECT 1 FROM pg_temp.cbdk_incoming n WHERE n.dkbm = o.dkbm) RETURNING o.dkbm)"
                    + " INSERT INTO " + changes + " (record_key, change) SELECT dkbm, 'removed' FROM d", p);
        }
        String names = String.join(", ", cols.keySet());
        String updates = cols.keySet().stream().map(f -> f + " = EXCLUDED." + f).collect(Collectors.joining(", "));
        jdbc.update("WITH u AS (INSERT INTO contract_plot AS o (dkbm, " + names + ", county_code, area_m2, synthetic, geom)"
                + " SELECT dkbm, " + names + ", :county, area_m2, false, geom FROM pg_temp.cbdk_incoming"
                + " ON CONFLICT (county_code, dkbm) DO UPDATE SET " + updates + ", area_m2 = EXCLUDED.area_m2, geom = EXCLUDED.geom, synthetic = false"
                + " WHERE o.county_code = EXCLUDED.county_code AND (" + cols.keySet().stream().map(f -> "o." + f).collect(Collectors.joining(", "))
                + ", o.geom) IS DISTINCT FROM (" + cols.keySet().stream().map(f -> "EXCLUDED." + f).collect(Collectors.joining(", ")) + ", EXCLUDED.geom)"
                + " RETURNING o.dkbm, xmax = 0 AS inserted)"
                + " INSERT INTO " + changes + " (record_key, change) SELECT dkbm, 'added' FROM u WHERE inserted", p);
    }
}
