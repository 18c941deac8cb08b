package org.landatlas.demodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo counties as loaded into real PostGIS, checked with SQL computed independently of the generator. */
class DemoDataTest extends IntegrationTest {

    private static final double CM_IN_DEGREES = 1e-7;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    DemoGenerator generator;
    @Autowired
    org.landatlas.plans.PlanMetrics planMetrics;

    @Test
    void theFourSeedCountiesWithTheirRealNames() {
        assertThat(jdbc.query("SELECT code, name FROM admin_unit WHERE level = 'county' ORDER BY code",
                (rs, i) -> org.assertj.core.groups.Tuple.tuple(rs.getString("code"), rs.getString("name"))))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("150627", "伊金霍洛旗"),
                        org.assertj.core.groups.Tuple.tuple("150724", "鄂温克族自治旗"),
                        org.assertj.core.groups.Tuple.tuple("331126", "庆元县"),
                        org.assertj.core.groups.Tuple.tuple("533401", "香格里拉市"));
    }

    @Test
    void everyRealTownshipAndVillageIsThereWithItsCode() throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        for (String county : List.of("150627", "150724", "331126", "533401")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("gis-data/admin/" + county + ".json")) {
                JsonNode root = mapper.readTree(in);
                int townships = 0;
                int villages = 0;
                for (JsonNode t : root.path("townships")) {
                    townships++;
                    villages += t.path("villages").size();
                    String code = t.path("code").asString();
                    assertThat(jdbc.queryForList("SELECT name FROM admin_unit WHERE code = ?", String.class, code)).as(code)
                            .containsExactly(t.path("name").asString());
                }
                assertThat(jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE parent_code = ?", Integer.class, county))
                        .isEqualTo(townships);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE level = 'village' AND county_code = ?", Integer.class, county))
                        .isEqualTo(villages);
            }
        }
    }

    @Test
    void villageCodesMatchTheirTownshipAndCountyCodes() {
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM admin_unit v
                LEFT JOIN admin_unit t ON t.code = v.parent_code
                WHERE v.level = 'village'
                  AND (v.code !~ '^[0-9]{12}$' OR t.level IS DISTINCT FROM 'township' OR left(v.code, 9) <> t.code
                       OR left(v.code, 6) <> t.parent_code OR v.county_code <> t.parent_code)""", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM admin_unit t
                LEFT JOIN admin_unit c ON c.code = t.parent_code
                WHERE t.level = 'township' AND (t.code !~ '^[0-9]{9}$' OR c.level IS DISTINCT FROM 'county' OR left(t.code, 6) <> c.code)""",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel WHERE left(zldwdm, 12) <> village_code OR left(village_code, 6) <> county_code
                   OR left(qsdwdm, 12) <> village_code OR length(bsm) <> 18""", Integer.class)).isZero();
    }

    @Test
    void aboutFiveThousandParcelsPerCounty() {
        for (String county : List.of("150627", "150724", "331126", "533401")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code = ?", Long.class, county)).as(county)
                    .isBetween(4900L, 5000L);
        }
    }

    @Test
    void parcelAreasMatchTheirDeclaredMuWithinATenthOfAPercent() {
        // Ellipsoidal area computed by PostGIS (geography on the CGCS2000 spheroid), independently of the generator.
        Map<String, Object> r = jdbc.queryForMap("""
                SELECT count(*) AS n,
                       count(*) FILTER (WHERE abs(area_mu / (ST_Area(geom::geography, true) * 3 / 2000) - 1) > 0.001) AS mu_off,
                       count(*) FILTER (WHERE abs(tbmj / ST_Area(geom::geography, true)::numeric - 1) > 0.001) AS tbmj_off,
                       count(*) FILTER (WHERE NOT ST_IsValid(geom)) AS invalid
                FROM land_parcel""");
        assertThat(((Number) r.get("n")).longValue()).isGreaterThan(19_000);
        assertThat(((Number) r.get("mu_off")).longValue()).isZero();
        assertThat(((Number) r.get("tbmj_off")).longValue()).isZero();
        assertThat(((Number) r.get("invalid")).longValue()).isZero();
        Map<String, Object> any = jdbc.queryForMap("SELECT area_m2, area_mu, tbmj, kcmj, tbdlmj FROM land_parcel ORDER BY id LIMIT 1");
        assertThat(((Number) any.get("area_mu")).doubleValue()).isCloseTo(((Number) any.get("area_m2")).doubleValue() * 3 / 2000, within(1e-6));
        assertThat((BigDecimal) any.get("tbdlmj")).isEqualByComparingTo(((BigDecimal) any.get("tbmj")).subtract((BigDecimal) any.get("kcmj")));
    }

    @Test
    void everyParcelLiesWithinItsVillageAndCounty() {
        // Parcel ⊆ village ⊆ township ⊆ county, each step checked with a centimetre of tolerance: together they
        // prove every parcel lies within its county without testing 20,000 parcels against county outlines.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel p JOIN admin_unit v ON v.code = p.village_code
                WHERE NOT ST_CoveredBy(p.geom, ST_Buffer(v.boundary, ?))""", Integer.class, CM_IN_DEGREES)).isZero();
        assertThat(jdbc.queryForObject("""
                WITH t AS (SELECT code, ST_Buffer(boundary, ?) AS b FROM admin_unit WHERE level = 'township')
                SELECT count(*) FROM admin_unit v JOIN t ON t.code = v.parent_code
                WHERE v.level = 'village' AND NOT ST_CoveredBy(v.boundary, t.b)""", Integer.class, CM_IN_DEGREES)).isZero();
        assertThat(jdbc.queryForObject("""
                WITH c AS (SELECT code, ST_Buffer(boundary, ?) AS b FROM admin_unit WHERE level = 'county')
                SELECT count(*) FROM admin_unit t JOIN c ON c.code = t.parent_code
                WHERE t.level = 'township' AND NOT ST_CoveredBy(t.boundary, c.b)""", Integer.class, CM_IN_DEGREES)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code <> left(village_code, 6)", Integer.class)).isZero();
    }

    @Test
    void villagesTileTheirCountyWithoutOverlaps() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT c.code, ST_Area(c.boundary::geography) AS county, sum(ST_Area(v.boundary::geography)) AS villages
                FROM admin_unit c JOIN admin_unit v ON v.county_code = c.code AND v.level = 'village'
                WHERE c.level = 'county' GROUP BY c.code, c.boundary""");
        for (Map<String, Object> r : rows) {
            double county = ((Number) r.get("county")).doubleValue();
            double villages = ((Number) r.get("villages")).doubleValue();
            assertThat(villages / county).as("village area / county area of %s", r.get("code")).isCloseTo(1.0, within(0.002));
        }
    }

    @Test
    void demReliefMatchesEachCountysRealElevationRange() {
        Map<String, double[]> real = Map.of("533401", new double[] {1503, 5545}, "331126", new double[] {200, 1900},
                "150627", new double[] {1100, 1550}, "150724", new double[] {600, 1700});
        for (var e : real.entrySet()) {
            Map<String, Object> r = jdbc.queryForMap("""
                    SELECT (ST_SummaryStats(rast)).min AS lo, (ST_SummaryStats(rast)).max AS hi, ST_SRID(rast) AS srid
                    FROM dem WHERE county_code = ?""", e.getKey());
            double span = e.getValue()[1] - e.getValue()[0];
            assertThat(((Number) r.get("lo")).doubleValue()).as("min of %s", e.getKey()).isCloseTo(e.getValue()[0], within(span * 0.03));
            assertThat(((Number) r.get("hi")).doubleValue()).as("max of %s", e.getKey()).isCloseTo(e.getValue()[1], within(span * 0.03));
            assertThat(((Number) r.get("srid")).intValue()).isEqualTo(4490);
        }
    }

    @Test
    void landClassesFollowTheTerrain() {
        // Shangri-La: cropland in valleys and basins, glaciers only at the top, pasture on the plateau.
        Double crop = jdbc.queryForObject("SELECT avg(elevation_mean_m) FROM land_parcel WHERE county_code = '533401' AND dlbm IN ('0101', '0102')", Double.class);
        Double pasture = jdbc.queryForObject("SELECT avg(elevation_mean_m) FROM land_parcel WHERE county_code = '533401' AND dlbm = '0401'", Double.class);
        Double glacierMin = jdbc.queryForObject("SELECT min(elevation_mean_m) FROM land_parcel WHERE county_code = '533401' AND dlbm = '1110'", Double.class);
        assertThat(crop).isLessThan(2300);
        assertThat(pasture).isGreaterThan(3000);
        assertThat(glacierMin).isGreaterThan(5000);
        // Qingyuan: paddies in the valleys, below the forest.
        Double paddy = jdbc.queryForObject("SELECT avg(elevation_mean_m) FROM land_parcel WHERE county_code = '331126' AND dlbm = '0101'", Double.class);
        Double forest = jdbc.queryForObject("SELECT avg(elevation_mean_m) FROM land_parcel WHERE county_code = '331126' AND dlbm = '0301'", Double.class);
        assertThat(paddy).isLessThan(forest);
        // Inner Mongolian banners are mostly grassland.
        Double grassShare = jdbc.queryForObject("""
                SELECT sum(p.area_m2) FILTER (WHERE c.class_group = 'grassland') / sum(p.area_m2) FROM land_parcel p
                JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm WHERE p.county_code = '150724'""", Double.class);
        assertThat(grassShare).isGreaterThan(0.4);
        // Every parcel sits in the belt its elevation falls in.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE belt_id IS NULL", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel p JOIN belt b ON b.id = p.belt_id
                WHERE p.elevation_mean_m < b.min_elevation_m OR p.elevation_mean_m >= b.max_elevation_m""", Integer.class)).isZero();
    }

    @Test
    void beltsCoverTheirCounty() {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT s.county_code, ST_Area(a.boundary::geography) AS county, sum(ST_Area(b.geom::geography)) AS belts
                FROM belt b JOIN belt_scheme s ON s.id = b.scheme_id JOIN admin_unit a ON a.code = s.county_code
                WHERE s.is_default GROUP BY s.county_code, a.boundary""");
        assertThat(rows).hasSize(4);
        for (Map<String, Object> r : rows) {
            double ratio = ((Number) r.get("belts")).doubleValue() / ((Number) r.get("county")).doubleValue();
            assertThat(ratio).as("belt area / county area of %s", r.get("county_code")).isCloseTo(1.0, within(0.02));
        }
    }

    @Test
    void themesArePresentAndConsistent() {
        for (String table : List.of("high_standard_farmland_project", "protection_zone", "circulation_listing", "circulation_contract",
                "transferee", "idle_facility", "homestead", "pv_site", "distribution_transformer",
                "road", "settlement", "poi", "plan_target", "household")) {
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT " + (table.equals("household") ? "left(village_code, 6)" : "county_code")
                    + ") FROM " + table, Integer.class)).as(table).isEqualTo(4);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rural_house", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM homestead_revitalization", Integer.class)).isPositive();
        // A parcel marked circulated belongs to a contract that currently holds it.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel p WHERE p.circulation_status = 'circulated' AND NOT EXISTS (
                  SELECT 1 FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                  WHERE cp.parcel_id = p.id AND c.status IN ('signed', 'filed', 'active', 'disputed'))""", Integer.class)).isZero();
        // Contract areas are the sums of their transferors' shares and of their parcels.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM circulation_contract c
                WHERE abs(c.area_mu - (SELECT sum(area_mu) FROM circulation_contract_transferor t WHERE t.contract_id = c.id)) > 0.01
                   OR abs(c.area_mu - (SELECT sum(p.area_mu) FROM circulation_contract_parcel cp JOIN land_parcel p ON p.id = cp.parcel_id
                                       WHERE cp.contract_id = c.id)) > 0.01""", Integer.class)).isZero();
        // Transformers never carry more connected household PV than they host (filings beyond it queue).
        assertThat(jdbc.queryForObject("SELECT count(*) FROM distribution_transformer_load WHERE c1_kw < -0.001", Integer.class)).isZero();
        // High-standard farmland flags point at completed or accepted projects.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel p JOIN high_standard_farmland_project h ON h.id = p.hsf_project_id
                WHERE p.is_high_standard_farmland <> (h.status IN ('completed', 'accepted'))""", Integer.class)).isZero();
    }

    @Test
    void targetsOfTheEjinHoroPlanAreStored() {
        Map<String, Double> targets = Map.of("farmland_circulated_mu", 200_000.0, "pasture_circulated_mu", 500_000.0,
                "forest_circulated_mu", 300_000.0, "idle_homesteads_revitalized", 500.0);
        for (var e : targets.entrySet()) {
            assertThat(jdbc.queryForObject("SELECT target_value FROM plan_target WHERE county_code = '150627' AND target_year = 2024 AND metric = ?",
                    Double.class, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(jdbc.queryForObject("SELECT target_value FROM plan_target WHERE county_code = '150627' AND target_year = 2025 AND metric = 'high_standard_farmland_mu'",
                Double.class)).isEqualTo(180_000.0);
        // 庆元县: 100 idle farmhouses revitalized (in 10 villages), quoted from the plan.
        assertThat(jdbc.queryForObject("SELECT target_value FROM plan_target WHERE county_code = '331126' AND target_year = 2025 AND metric = 'idle_homesteads_revitalized' AND NOT synthetic",
                Double.class)).isEqualTo(100.0);
        // … and its second half, the 10 villages, on the village metric, with the same plan as its source.
        assertThat(jdbc.queryForMap("SELECT target_value::float8 AS target_value, unit, source_document FROM plan_target WHERE county_code = '331126' AND target_year = 2025 "
                + "AND metric = 'villages_with_revitalized_homesteads' AND NOT synthetic"))
                .containsEntry("target_value", 10.0).containsEntry("unit", "村").containsEntry("source_document", "庆元县规划目标：盘活闲置农房100幢（10个村）");
    }

    @Test
    void demoDataIsLabelledSynthetic() {
        for (String table : List.of("admin_unit", "land_parcel", "homestead", "pv_site", "household", "dem")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE NOT synthetic", Integer.class)).as(table).isZero();
        }
        // Contracts staff create (the map's browser test signs some) are real; every other contract is the demo's.
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM circulation_contract c WHERE NOT c.synthetic
                  AND NOT EXISTS (SELECT 1 FROM security.audit_log a WHERE a.action = 'createContract' AND a.target_id = c.id::text)""", Integer.class))
                .as("circulation_contract").isZero();
    }

    @Test
    void aSecondStartReusesTheLoadedData() {
        Long before = jdbc.queryForObject("SELECT max(id) FROM dataset_load", Long.class);
        assertThat(new DemoLoader(dataSource, generator, planMetrics.ids()).ensureLoaded(DemoProfile.load("demo"))).isEqualTo(DemoLoader.Outcome.ALREADY_LOADED);
        assertThat(jdbc.queryForObject("SELECT max(id) FROM dataset_load", Long.class)).isEqualTo(before);
    }

    @Test
    void theApplicationGeneratesWithEveryDemoDataPart() {
        // The generator tests use the parts found without the application; the application must find the same.
        assertThat(generator.tables()).isEqualTo(TestDemoGenerator.get().tables());
        assertThat(generator.tables()).extracting(DemoTable::name).contains("admin_unit", "land_parcel", "circulation_contract",
                "homestead", "pv_site", "plan_target");
    }
}
