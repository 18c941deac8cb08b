package org.landatlas.parcel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.landatlas.exchange.ImportChecks.anyOf;
import static org.landatlas.exchange.ImportChecks.isNumber;
import static org.landatlas.exchange.ImportChecks.listed;
import static org.landatlas.exchange.ImportChecks.v;

import org.landatlas.exchange.ImportChecks;
import org.landatlas.exchange.ImportChecks.Rule;
import org.landatlas.exchange.ImportProfile;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The land survey's parcel layer (三调 地类图斑 DLTB) as an import profile: the fields of the survey database
 * (domain reference §2), checks that keep every database rule of {@code land_parcel} and the survey's own rules
 * (TBDLMJ = TBMJ − KCMJ, codes, one BSM per parcel, the county's villages and boundary), and a merge by BSM that
 * adds, updates and removes the county's imported parcels. Imported parcels are real ({@code synthetic = false});
 * their area is LandAtlas's ellipsoidal area of the geometry, the surveyed TBMJ is kept as it is.
 */
@Component
@org.springframework.core.annotation.Order(1)  // the order profiles are offered in: the survey's parcels first
class DltbImportProfile implements ImportProfile {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DltbImportProfile.class);

    /** Upload option choosing the classification DLBM is checked against and stored under (GraphQL ClassificationSystem's names). */
    static final String CLASS_SYSTEM_OPTION = "classSystem";
    /** Its values, the default first, and the land_class.class_system each stands for. */
    private static final Map<String, String> CLASS_SYSTEMS = new LinkedHashMap<>();

    static {
        CLASS_SYSTEMS.put("SANDIAO", "三调工作分类");
        CLASS_SYSTEMS.put("GBT_21010_2017", "GB/T 21010-2017");
    }

    /** Text fields: staged text, trimmed, empty as null. */
    private static final List<String> TEXT = List.of("tbbh", "dlbm", "dlmc", "qsxz", "qsdwdm", "qsdwmc", "zldwdm", "zldwmc", "kcdlbm",
            "gdlx", "gdpdjb", "zzsxdm", "zzsxmc", "czcsxm", "bz");
    /** Number fields and their SQL casts. */
    private static final Map<String, String> NUMBERS = new LinkedHashMap<>();

    static {
        NUMBERS.put("tbmj", "%s::numeric(15, 2)");
        NUMBERS.put("kcxs", "coalesce(%s::numeric(6, 4), 0)");
        NUMBERS.put("kcmj", "coalesce(%s::numeric(15, 2), 0)");
        NUMBERS.put("gddb", "round(%s::numeric)::smallint");
        NUMBERS.put("sjnf", "round(%s::numeric)::smallint");
    }

    private final AdminUnitQueries units;

    DltbImportProfile(AdminUnitQueries units) {
        this.units = units;
    }

    @Override
    public String name() {
        return "dltb";
    }

    @Override
    public String title() {
        return "三调地类图斑 DLTB (land survey parcels)";
    }

    @Override
    public List<ImportField> fields() {
        return List.of(
                new ImportField("bsm", true, "标识码 BSM: the parcel's key; a re-import updates by it"),
                new ImportField("tbbh", true, "图斑编号 TBBH, unique within the location unit"),
                new ImportField("dlbm", true, "地类编码 DLBM (of the classification chosen by option classSystem: 三调工作分类 by default, or GB/T 21010-2017)"),
                new ImportField("dlmc", true, "地类名称 DLMC"),
                new ImportField("qsxz", true, "权属性质 QSXZ (10, 20, 30–34, 40)"),
                new ImportField("qsdwdm", true, "权属单位代码 QSDWDM (19 digits)"),
                new ImportField("qsdwmc", true, "权属单位名称 QSDWMC"),
                new ImportField("zldwdm", true, "坐落单位代码 ZLDWDM (19 digits; the first 12 are the village)"),
                new ImportField("zldwmc", true, "坐落单位名称 ZLDWMC"),
                new ImportField("tbmj", true, "图斑面积 TBMJ, m²"),
                new ImportField("kcdlbm", false, "扣除地类编码 KCDLBM"),
                new ImportField("kcxs", false, "扣除系数 KCXS"),
                new ImportField("kcmj", false, "扣除面积 KCMJ, m²"),
                new ImportField("tbdlmj", true, "图斑地类面积 TBDLMJ = TBMJ − KCMJ, m²"),
                new ImportField("gdlx", false, "耕地类型 GDLX (TT, PD, FD)"),
                new ImportField("gdpdjb", false, "耕地坡度级别 GDPDJB (1–5)"),
                new ImportField("zzsxdm", false, "种植属性代码 ZZSXDM"),
                new ImportField("zzsxmc", false, "种植属性名称 ZZSXMC"),
                new ImportField("gddb", false, "耕地等别 GDDB (1–15)"),
                new ImportField("czcsxm", false, "城镇村属性码 CZCSXM"),
                new ImportField("sjnf", true, "数据年份 SJNF"),
                new ImportField("bz", false, "备注 BZ"));
    }

    @Override
    public List<ImportCheck> checks() {
        String numeric = NUMBERS.keySet().stream().map(f -> "(" + v(f) + " IS NULL OR " + isNumber(f) + ")").collect(Collectors.joining(" AND "));
        String key = "btrim(s.bsm)";
        String geography = "s.geom::geography";
        List<ImportCheck> checks = new ArrayList<>();
        checks.add(ImportChecks.requiredValues(fields(), key));
        checks.add(ImportChecks.numbers(List.copyOf(NUMBERS.keySet()), key));
        checks.add(ImportChecks.duplicateKey("duplicate_bsm", "标识码重复 BSM appears more than once", key));
        checks.addAll(List.of(
                new ImportCheck("duplicate_tbbh", "图斑编号在同一坐落单位内重复 TBBH repeats within its location unit", true,
                        "SELECT min(row_no) AS row_no, min(" + key + ") AS record_key, 'TBBH ' || btrim(s.tbbh) || ' appears ' || count(*) || ' times in ZLDWDM ' || btrim(s.zldwdm) AS detail"
                                + " FROM {staged} s WHERE " + v("tbbh") + " IS NOT NULL GROUP BY btrim(s.zldwdm), btrim(s.tbbh) HAVING count(*) > 1"),
                new ImportCheck("tbbh_taken", "图斑编号已被本单位另一图斑使用 TBBH is held by another parcel of the unit that the file leaves out", true,
                        "SELECT row_no, " + key + " AS record_key, 'TBBH ' || btrim(s.tbbh) || ' in ZLDWDM ' || btrim(s.zldwdm) || ' belongs to parcel ' || p.bsm AS detail"
                                + " FROM {staged} s JOIN land_parcel p ON p.zldwdm = btrim(s.zldwdm) AND p.tbbh = btrim(s.tbbh) AND p.bsm <> " + key
                                // The county's imported parcels the file leaves out are removed by the merge: they hold nothing.
                                + " WHERE NOT EXISTS (SELECT 1 FROM {staged} x WHERE btrim(x.bsm) = p.bsm) AND (p.synthetic OR p.county_code <> :county)"),
                anyOf("too_long", "字段超长 A code is longer than the standard allows", key, List.of(
                        new Rule("length(btrim(s.bsm)) > 18", "'BSM has ' || length(btrim(s.bsm)) || ' characters (at most 18)'"),
                        new Rule("length(btrim(s.tbbh)) > 8", "'TBBH has ' || length(btrim(s.tbbh)) || ' characters (at most 8)'"))),
                // :class_system is the land_class.class_system of the upload's classSystem option (checkParameters).
                new ImportCheck("unknown_class", "地类编码不在所选分类体系中 DLBM is not a class of the chosen classification system", true,
                        "SELECT row_no, " + key + " AS record_key, 'DLBM ' || " + v("dlbm") + " || ' is not a class of ' || :class_system AS detail FROM {staged} s"
                                + " WHERE " + v("dlbm") + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM land_class c WHERE c.class_system = :class_system AND c.code = " + v("dlbm") + ")"),
                anyOf("bad_code", "代码不合规 A code is outside its list", key, List.of(
                        new Rule("NOT " + listed(v("qsxz"), "10", "20", "30", "31", "32", "33", "34", "40"), "'QSXZ ' || " + v("qsxz")),
                        new Rule(v("qsdwdm") + " !~ '^[0-9]{19}$'", "'QSDWDM ' || " + v("qsdwdm") + " || ' is not 19 digits'"),
                        new Rule(v("zldwdm") + " !~ '^[0-9]{19}$'", "'ZLDWDM ' || " + v("zldwdm") + " || ' is not 19 digits'"),
                        new Rule("NOT " + listed(v("gdlx"), "TT", "PD", "FD"), "'GDLX ' || " + v("gdlx")),
                        new Rule("NOT " + listed(v("gdpdjb"), "1", "2", "3", "4", "5"), "'GDPDJB ' || " + v("gdpdjb")),
                        new Rule("NOT " + listed(v("zzsxdm"), "LS", "FLS", "LYFL", "XG", "LLJZ", "WG", "JKHF", "GCHF"), "'ZZSXDM ' || " + v("zzsxdm")),
                        new Rule(isNumber("gddb") + " AND round(" + v("gddb") + "::numeric) NOT BETWEEN 1 AND 15", "'GDDB ' || " + v("gddb") + " || ' (1–15)'"),
                        new Rule(isNumber("sjnf") + " AND round(" + v("sjnf") + "::numeric) NOT BETWEEN 2009 AND 2100", "'SJNF ' || " + v("sjnf")),
                        new Rule(isNumber("kcxs") + " AND (" + v("kcxs") + "::numeric < 0 OR " + v("kcxs") + "::numeric >= 1)", "'KCXS ' || " + v("kcxs") + " || ' (0 ≤ KCXS < 1)'"),
                        new Rule(isNumber("tbmj") + " AND " + v("tbmj") + "::numeric <= 0", "'TBMJ ' || " + v("tbmj") + " || ' is not positive'"))),
                new ImportCheck("net_area", "图斑地类面积不等于图斑面积减扣除面积 TBDLMJ ≠ TBMJ − KCMJ (beyond 0.01 m²)", true,
                        "SELECT row_no, " + key + " AS record_key, 'TBDLMJ ' || " + v("tbdlmj") + " || ' ≠ TBMJ ' || " + v("tbmj") + " || ' − KCMJ ' || coalesce(" + v("kcmj") + ", '0') AS detail"
                                + " FROM {staged} s WHERE " + numeric + " AND " + isNumber("tbdlmj") + " AND " + v("tbmj") + " IS NOT NULL"
                                + " AND abs(" + v("tbdlmj") + "::numeric - (" + v("tbmj") + "::numeric - coalesce(" + v("kcmj") + "::numeric, 0))) > 0.01"),
                new ImportCheck("village_not_in_county", "坐落单位不是本县的村 ZLDWDM's village is not a village of the county", true,
                        "SELECT row_no, " + key + " AS record_key, 'village ' || left(" + v("zldwdm") + ", 12) || ' (from ZLDWDM) is not a village of county ' || :county AS detail"
                                + " FROM {staged} s WHERE " + v("zldwdm") + " ~ '^[0-9]{19}$' AND NOT (left(" + v("zldwdm") + ", 12) = ANY (:villages))"),
                new ImportCheck("area_mismatch", "图斑面积与椭球面积不符 TBMJ differs from the ellipsoidal area (more than 0.5 % and 1 m²)", false,
                        "SELECT row_no, " + key + " AS record_key, 'TBMJ ' || " + v("tbmj") + " || ' m², ellipsoidal ' || round(ST_Area(" + geography + ")::numeric, 2) || ' m²' AS detail"
                                + " FROM {staged} s WHERE s.geom IS NOT NULL AND " + isNumber("tbmj") + " AND ST_IsValid(s.geom)"
                                + " AND abs(" + v("tbmj") + "::numeric - ST_Area(" + geography + ")::numeric) > greatest(1, 0.005 * " + v("tbmj") + "::numeric)"),
                new ImportCheck("bsm_in_other_county", "标识码已属于其他县的图斑 BSM belongs to a parcel of another county", true,
                        "SELECT row_no, " + key + " AS record_key, 'BSM already used by a parcel of county ' || p.county_code AS detail"
                                + " FROM {staged} s JOIN land_parcel p ON p.bsm = " + key + " WHERE p.county_code <> :county"),
                new ImportCheck("outside_village", "图斑不在其坐落村范围内 A parcel lies outside the village its ZLDWDM names", false,
                        "WITH v AS MATERIALIZED (SELECT code, ST_GeomFromWKB(decode(wkb, 'hex'), 4490) AS g FROM unnest(CAST(:villages AS text[]), CAST(:village_boundaries AS text[])) AS u(code, wkb))"
                                + " SELECT s.row_no, " + key + " AS record_key, 'not in village ' || v.code || ' (from ZLDWDM)' AS detail"
                                + " FROM {staged} s JOIN v ON v.code = left(" + v("zldwdm") + ", 12)"
                                + " WHERE s.geom IS NOT NULL AND NOT ST_IsEmpty(s.geom) AND NOT ST_Intersects(v.g, ST_PointOnSurface(s.geom))"),
                // A survey's parcel layer covers its villages wall to wall: the parcels of a village should add up to
                // the village's area. Less is a gap, more is overlap (or parcels beyond the line); either is shown per village.
                new ImportCheck("village_coverage", "村内图斑面积与村界面积不符（缝隙或重叠）Parcels do not cover their village wall to wall (gaps or overlaps)", false,
                        "WITH v AS MATERIALIZED (SELECT code, ST_Area(ST_GeomFromWKB(decode(wkb, 'hex'), 4490)::geography) AS area FROM unnest(CAST(:villages AS text[]), CAST(:village_boundaries AS text[])) AS u(code, wkb)),"
                                + " p AS (SELECT left(" + v("zldwdm") + ", 12) AS code, min(s.row_no) AS row_no, sum(ST_Area(s.geom::geography)) AS area FROM {staged} s"
                                + " WHERE s.geom IS NOT NULL AND ST_IsValid(s.geom) GROUP BY 1)"
                                + " SELECT p.row_no, p.code AS record_key, 'village ' || p.code || ': parcels ' || round(p.area::numeric) || ' m² of '"
                                + " || round(v.area::numeric) || ' m² (' || CASE WHEN p.area < v.area THEN 'gap ' ELSE 'surplus ' END || round(abs(v.area - p.area)::numeric) || ' m²)' AS detail"
                                + " FROM p JOIN v ON v.code = p.code WHERE abs(v.area - p.area) > greatest(100, 0.001 * v.area)"),
                // Parcels that stay in the database after the commit (other counties', the county's demo parcels, and
                // imported ones the scope keeps) must not share ground with the file's.
                new ImportCheck("overlaps_existing", "与库中保留的图斑重叠 A parcel overlaps a parcel that stays in the database (over 1 m²)", false,
                        // MATERIALIZED: the parcels that stay are few (a border, some demo parcels); computed first, they
                        // drive the join, instead of every staged row probing its neighbours (minutes at a million rows).
                        "WITH kept AS MATERIALIZED (SELECT p.bsm, p.county_code, p.geom FROM land_parcel p WHERE p.geom && ST_GeomFromWKB(:boundary, 4490)"
                                + " AND NOT EXISTS (SELECT 1 FROM {staged} x WHERE btrim(x.bsm) = p.bsm)"
                                + " AND NOT (p.county_code = :county AND NOT p.synthetic AND (:scope = 'county' OR :scope = 'villages'"
                                + "   AND p.village_code IN (SELECT DISTINCT left(btrim(y.zldwdm), 12) FROM {staged} y))))"
                                + " SELECT s.row_no, " + key + " AS record_key, 'overlaps parcel ' || k.bsm || ' of county ' || k.county_code || ' by '"
                                + " || round(ST_Area(ST_Intersection(s.geom, k.geom)::geography)::numeric, 1) || ' m²' AS detail"
                                + " FROM kept k JOIN {staged} s ON s.geom && k.geom WHERE ST_IsValid(s.geom) AND ST_IsValid(k.geom)"
                                // ST_Intersection is GEOS's robust overlay (OverlayNG); ST_Intersects and ST_Relate are not, and
                                // fail on the near-coincident edges of a parcel copied through a projection and back.
                                + " AND ST_Area(ST_Intersection(s.geom, k.geom)::geography) > 1"),
                new ImportCheck("removed_on_commit", "提交时将删除的已导入图斑（文件中没有）Imported parcels the file lacks: removed on commit", false,
                        "SELECT NULL::integer AS row_no, p.bsm AS record_key, 'imported parcel ' || p.bsm || ' (' || p.dlmc || ', ' || p.zldwmc || ') is not in the file' AS detail"
                                + " FROM land_parcel p WHERE p.county_code = :county AND NOT p.synthetic AND (:scope = 'county' OR :scope = 'villages'"
                                + " AND p.village_code IN (SELECT DISTINCT left(btrim(y.zldwdm), 12) FROM {staged} y))"
                                + " AND NOT EXISTS (SELECT 1 FROM {staged} x WHERE btrim(x.bsm) = p.bsm)")));
        checks.addAll(ImportChecks.geometry(key, 3));
        checks.add(ImportChecks.outsideCounty(key, "图斑"));
        return checks;
    }

    @Override
    public List<ImportOption> options() {
        return List.of(new ImportOption(CLASS_SYSTEM_OPTION, "分类体系 The classification DLBM is checked against and stored under: SANDIAO = 三调工作分类 (default),"
                + " GBT_21010_2017 = GB/T 21010-2017 (0501–0507, 0604, 0801–0808, 0901–0906 instead of 05H1, 0508, 08H1, 08H2, 09 and the …A/…K codes)",
                List.copyOf(CLASS_SYSTEMS.keySet())));
    }

    @Override
    public Map<String, Object> checkParameters(String countyCode) {
        return checkParameters(countyCode, Map.of());
    }

    @Override
    public Map<String, Object> checkParameters(String countyCode, Map<String, String> options) {
        byte[] boundary = units.boundaryWkb(countyCode);
        AdminUnitQueries.VillageBoundaries villages = units.villageBoundaries(countyCode);
        return Map.of("villages", villages.codes(), "village_boundaries", villages.boundaries(), "boundary", boundary, "class_system", classSystem(options));
    }

    /** The land_class.class_system of the options' classSystem (the default when absent). */
    private static String classSystem(Map<String, String> options) {
        return CLASS_SYSTEMS.getOrDefault(options.getOrDefault(CLASS_SYSTEM_OPTION, "SANDIAO"), CLASS_SYSTEMS.get("SANDIAO"));
    }

    /** Columns compared and written, with the staged expression of each. */
    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        for (String f : TEXT) {
            c.put(f, v(f));
        }
        NUMBERS.forEach((f, cast) -> c.put(f, String.format(cast, v(f))));
        // Kept exact: the table requires TBDLMJ = TBMJ − KCMJ, and the net_area check allowed 0.01 m² of rounding.
        c.put("tbdlmj", String.format(NUMBERS.get("tbmj"), v("tbmj")) + " - " + String.format(NUMBERS.get("kcmj"), v("kcmj")));
        return c;
    }

    @Override
    public void merge(NamedParameterJdbcTemplate jdbc, StagedLayer layer, String countyCode, boolean repairGeometries) {
        Map<String, String> cols = columns();
        // The classification is a column like the others: a re-import under another system changes it (and the diff says so).
        cols.put("class_system", "'" + classSystem(layer.options()) + "'::text");
        String geom = repairGeometries ? ImportChecks.repairedGeometry(3) : "s.geom";
        long t0 = System.nanoTime();
        // The file's rows as land_parcel values, computed once (casts, repairs, the ellipsoidal area) for the diff
        // and the upsert; a temporary table of the commit's transaction.
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE dltb_incoming ON COMMIT DROP AS SELECT s.row_no, btrim(s.bsm) AS bsm, "
                + cols.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey()).collect(Collectors.joining(", "))
                + ", g.geom, ST_Area(g.geom::geography) AS area_m2 FROM " + layer.table() + " s CROSS JOIN LATERAL (SELECT " + geom + " AS geom) g");
        jdbc.getJdbcTemplate().execute("CREATE UNIQUE INDEX ON pg_temp.dltb_incoming (bsm)");
        jdbc.getJdbcTemplate().execute("ANALYZE pg_temp.dltb_incoming");
        long t1 = System.nanoTime();
        MapSqlParameterSource p = new MapSqlParameterSource("county", countyCode);
        String changes = layer.changes();
        // What changes, field by field, before anything is written. Polygons are compared exactly (vertex by vertex, the
        // geometry = operator): ST_Equals would compute a topological relate per parcel and cost seconds per county.
        String diffs = cols.keySet().stream().map(f -> "'" + f + "', CASE WHEN o." + f + " IS DISTINCT FROM n." + f + " THEN jsonb_build_array(o." + f + ", n." + f + ") END")
                .collect(Collectors.joining(", "));
        jdbc.update("INSERT INTO " + changes + " (record_key, change, fields) SELECT bsm, 'changed', fields FROM ("
                + "SELECT o.bsm, o.synthetic, jsonb_strip_nulls(jsonb_build_object(" + diffs + ", 'geometry_m2', CASE WHEN o.geom IS DISTINCT FROM n.geom"
                + " THEN jsonb_build_array(round(o.area_m2::numeric, 2), round(n.area_m2::numeric, 2)) END)) AS fields"
                + " FROM land_parcel o JOIN pg_temp.dltb_incoming n ON n.bsm = o.bsm WHERE o.county_code = :county) d"
                + " WHERE synthetic OR fields <> '{}'::jsonb", p);
        long t2 = System.nanoTime();
        // The county's imported parcels the file no longer has go first, so that their TBBH are free for the others.
        if (layer.scope() != Scope.ADD) {
            String inScope = layer.scope() == Scope.VILLAGES ? " AND o.village_code IN (SELECT DISTINCT left(n.zldwdm, 12) FROM pg_temp.dltb_incoming n)" : "";
            jdbc.update("WITH d AS (DELETE FROM land_parcel o WHERE o.county_code = :county AND NOT o.synthetic" + inScope
                    + " AND NOT EXISTS (SELECT 1 FROM pg_temp.dltb_incoming n WHERE n.bsm = o.bsm) RETURNING o.bsm)"
                    + " INSERT INTO " + changes + " (record_key, change) SELECT bsm, 'removed' FROM d", p);
        }
        // A newer survey may renumber TBBH within a unit; (ZLDWDM, TBBH) is unique and checked row by row, so the
        // parcels whose TBBH changes first take a placeholder no survey uses ('#' and the row number, within 8 characters).
        jdbc.update("UPDATE land_parcel o SET tbbh = '#' || n.row_no FROM pg_temp.dltb_incoming n WHERE n.bsm = o.bsm AND o.county_code = :county"
                + " AND o.tbbh IS DISTINCT FROM n.tbbh", p);
        long t3 = System.nanoTime();
        String names = String.join(", ", cols.keySet());
        String updates = cols.keySet().stream().map(f -> f + " = EXCLUDED." + f).collect(Collectors.joining(", "));
        jdbc.update("WITH u AS (INSERT INTO land_parcel AS o (bsm, " + names + ", county_code, village_code, area_m2, synthetic, geom)"
                + " SELECT bsm, " + names + ", :county, left(zldwdm, 12), area_m2, false, geom FROM pg_temp.dltb_incoming"
                + " ON CONFLICT (county_code, bsm) DO UPDATE SET " + updates + ", village_code = EXCLUDED.village_code, area_m2 = EXCLUDED.area_m2, geom = EXCLUDED.geom,"
                + " synthetic = false, version = o.version + 1, updated_at = now()"
                + " WHERE o.county_code = EXCLUDED.county_code AND (o.synthetic OR (" + cols.keySet().stream().map(f -> "o." + f).collect(Collectors.joining(", ")) + ", o.geom) IS DISTINCT FROM (" + cols.keySet().stream().map(f -> "EXCLUDED." + f)
                .collect(Collectors.joining(", ")) + ", EXCLUDED.geom))"
                + " RETURNING o.bsm, xmax = 0 AS inserted)"
                + " INSERT INTO " + changes + " (record_key, change) SELECT bsm, 'added' FROM u WHERE inserted", p);
        log.info("dltb merge of {}: incoming rows {} ms, diff {} ms, removals and renumbering {} ms, upsert {} ms", layer.table(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
    }
}
