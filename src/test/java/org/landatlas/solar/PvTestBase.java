package org.landatlas.solar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What the PV tests share: the four counties, fixture transformers and sites (marked synthetic like the demo's: the
 * test database holds only demo data, DemoDataTest checks), status changes through the API and their assertions.
 */
abstract class PvTestBase extends IntegrationTest {

    static final String ZJ = "331126";   // 庆元县, 浙江 0.4153, share rule
    static final String YN = "533401";   // 香格里拉市, 云南 0.3358, altitude adjustment above 3,300 m
    static final String MD = "150724";   // 鄂温克族自治旗, 蒙东 0.3035, DL/T 2041 rule
    static final String MX = "150627";   // 伊金霍洛旗, 蒙西 configurable (0.2829 configured)

    static final String SITE = "query($id: ID!) { pvSite(id: $id) { id status version capacityKw queuePosition filingRank withinCapacity filingNo connectedOn "
            + "estimate { estimatedKwp annualHours annualKwh yuanPerKwh annualIncomeYuan investmentYuan paybackYears collectiveIncomeYuan householdIncomeYuan } "
            + "assumptions { gridRegion benchmarkPrice benchmarkVerified hostingRule } "
            + "work { consentOn signedBy masked rejectReason history { fromStatus toStatus changedBy reason } } "
            + "transformer { id grade c1Kw c2Kw pvHostingKw } } }";
    static final String STATUS = "mutation($id: ID!, $s: PvStatus!, $v: Int!, $r: String, $f: String) { setPvSiteStatus(id: $id, status: $s, reason: $r, "
            + "filingNo: $f, expectedVersion: $v) { id status version } }";

    @Autowired
    JdbcTemplate jdbc;

    // ------------------------------------------------------------------------------------------------ fixtures

    String village(String county) {
        return jdbc.queryForObject("SELECT code FROM admin_unit WHERE county_code = ? AND level = 'village' ORDER BY code LIMIT 1", String.class, county);
    }

    /** A fresh transformer of the county: rated kVA, min noon load, other generation, parallel count, hosting-ratio override. */
    long transformer(String county, int kva, double minLoad, double other, int parallel, Double ratio) {
        String v = village(county);
        return jdbc.queryForObject("""
                INSERT INTO distribution_transformer (county_code, village_code, name, asset_no, rated_kva, pv_hosting_ratio, min_noon_load_kw,
                    other_generation_kw, parallel_count, synthetic, geom)
                SELECT ?, ?, '测试台区', 'TEST' || nextval(pg_get_serial_sequence('distribution_transformer', 'id')), ?, ?, ?, ?, ?, true, seat
                FROM admin_unit WHERE code = ? RETURNING id""", Long.class, county, v, kva, ratio, minLoad, other, parallel, v);
    }

    /** A site on the transformer in a status (filed and later with a filing number and time, in insertion order). */
    long site(long transformer, String status, double kw, String mode) {
        return jdbc.queryForObject("""
                INSERT INTO pv_site (county_code, village_code, site_kind, roof_type, roof_area_m2, usable_area_m2, capacity_kw, annual_hours, grid_mode,
                    owner_type, status, filing_no, transformer_id, connected_on, filed_at, reject_reason, synthetic, geom)
                SELECT t.county_code, t.village_code, 'homestead_roof', 'concrete_flat', ? / 0.15 + 10, ? / 0.15, ?, 1000, ?, 'natural_person', ?,
                       CASE WHEN ? IN ('filed', 'built', 'connected') THEN 'TESTPV' || nextval(pg_get_serial_sequence('pv_site', 'id')) END,
                       t.id, CASE WHEN ? = 'connected' THEN current_date END,
                       CASE WHEN ? IN ('filed', 'built', 'connected') THEN clock_timestamp() END, NULL, true,
                       ST_SetSRID(ST_Expand(t.geom, 0.00005), 4490)
                FROM distribution_transformer t WHERE t.id = ? RETURNING id""", Long.class, kw, kw, kw, mode, status, status, status, status, transformer);
    }

    Map<String, Object> load(long transformer) {
        return jdbc.queryForMap("SELECT * FROM distribution_transformer_load WHERE transformer_id = ?", transformer);
    }

    int version(long site) {
        return jdbc.queryForObject("SELECT version FROM pv_site WHERE id = ?", Integer.class, site);
    }

    JsonNode status(String county, long site, String to, String reason, String filingNo) {
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("id", String.valueOf(site));
        vars.put("s", to);
        vars.put("v", version(site));
        vars.put("r", reason);
        vars.put("f", filingNo);
        return graphqlAs(staffToken(county), STATUS, vars);
    }

    static String error(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as("an error expected: " + r).isFalse();
        return r.path("errors").get(0).path("message").asString();
    }

    static void ok(JsonNode r) {
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
    }

    JsonNode site(String token, long id) {
        JsonNode r = graphqlAs(token, SITE, Map.of("id", String.valueOf(id)));
        ok(r);
        return r.path("data").path("pvSite");
    }

}
