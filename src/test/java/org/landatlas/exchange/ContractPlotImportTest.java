package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The 确权 contract plots (profile cbdk): a CBDK GeoJSON made from demo parcels of county 150627 is staged, checked
 * and committed into contract_plot; a newer file changes one plot and leaves one out; a bad file is rejected with
 * its rows named; the file's personal fields are never stored; the GraphQL door is for the county's staff only.
 */
class ContractPlotImportTest extends IntegrationTest {

    private static final String COUNTY = "150627";
    private static final String NAME = "测试户主张三";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void removePlots() {
        jdbc.update("DELETE FROM contract_plot WHERE county_code = ?", COUNTY);
    }

    private record Staged(int status, JsonNode body) {
        long id() {
            return body.path("id").asLong();
        }

        JsonNode check(String code) {
            for (JsonNode c : body.path("report").path("checks")) {
                if (c.path("code").asString().equals(code)) {
                    return c;
                }
            }
            throw new AssertionError("no check " + code + " in " + body);
        }

        int count(String code) {
            return check(code).path("count").asInt();
        }
    }

    private Staged stage(String fileName, byte[] file) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=cbdk&county=" + COUNTY
                        + "&fileName=" + fileName)).header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Staged s = new Staged(r.statusCode(), Http.JSON.readTree(r.body()));
        for (JsonNode c : s.body().path("report").path("checks")) {
            assertThat(c.path("error").isMissingNode()).as("check %s ran: %s", c.path("code").asString(), c).isTrue();
        }
        return s;
    }

    private JsonNode commit(long id) {
        JsonNode r = graphqlAs(adminToken(), "mutation { commitImport(id: \"" + id + "\") { status result { added changed removed } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("commitImport").path("result");
    }

    private byte[] geojson(String sql, Object... args) {
        return jdbc.queryForObject("SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object('type', 'Feature',"
                + " 'geometry', ST_AsGeoJSON(f.geom, 9)::json, 'properties', to_jsonb(f) - 'geom')), '[]'))::text FROM (" + sql + ") f", String.class, args)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A CBDK file of the given demo parcels: DKBM = village + group 00 + 5-digit serial, FBFBM its first 14 digits. */
    private byte[] cbdk(List<Long> parcels, String renamedDkbm, String household) {
        return geojson("WITH p AS (SELECT id, village_code, geom, row_number() OVER (ORDER BY id) AS n FROM land_parcel WHERE id = ANY (?)),"
                + " c AS (SELECT p.*, p.village_code || '00' || lpad(p.n::text, 5, '0') AS dkbm FROM p)"
                + " SELECT dkbm AS \"DKBM\", left(dkbm, 14) AS \"FBFBM\", CASE WHEN dkbm = ? THEN '新地名' ELSE '地块' || n END AS \"DKMC\","
                + " '30' AS \"SYQXZ\", '10' AS \"DKLB\", '011' AS \"TDLYLX\", '3' AS \"DLDJ\", '1' AS \"TDYT\", CASE WHEN n = 1 THEN '1' ELSE '2' END AS \"SFJBNT\","
                + " round(ST_Area(geom::geography)::numeric, 2) AS \"SCMJ\", '路' AS \"DKDZ\", '渠' AS \"DKNZ\", '林' AS \"DKXZ\", '田' AS \"DKBZ\","
                + " 'HT' || dkbm AS \"CBHTBM\", 'QZ' || dkbm AS \"CBJYQZBM\", CASE WHEN n = 1 THEN ? END AS \"CBFBM\", ? AS \"CBFMC\", ? AS \"ZJRXM\", geom FROM c",
                parcels.toArray(Long[]::new), renamedDkbm, household, NAME, NAME);
    }

    @Test
    void plotsAreImportedChangedAndRemovedByDkbmWithoutPersonalData() throws Exception {
        String village = jdbc.queryForObject("SELECT village_code FROM land_parcel WHERE county_code = ? AND ST_IsValid(geom) GROUP BY village_code"
                + " HAVING count(*) >= 3 ORDER BY village_code LIMIT 1", String.class, COUNTY);
        List<Long> parcels = jdbc.queryForList("SELECT id FROM land_parcel WHERE village_code = ? AND ST_IsValid(geom) ORDER BY id LIMIT 3", Long.class, village);
        String household = jdbc.queryForObject("SELECT household_no FROM household WHERE village_code LIKE ? || '%' ORDER BY id LIMIT 1", String.class, COUNTY);
        String first = village + "0000001";
        String second = village + "0000002";
        String third = village + "0000003";

        Staged job = stage("cbdk.geojson", cbdk(parcels, "none", household));
        assertThat(job.status()).as(job.body().toString()).isEqualTo(201);
        assertThat(job.body().path("status").asString()).as(job.body().toString()).isEqualTo("checked");
        assertThat(job.count("personal_fields_dropped")).isEqualTo(1);
        assertThat(job.check("personal_fields_dropped").toString()).contains("CBFMC").contains("ZJRXM");
        assertThat(job.body().toString()).doesNotContain(NAME);
        assertThat(job.count("area_mismatch")).isZero();
        assertThat(commit(job.id()).path("added").asInt()).isEqualTo(3);

        Map<String, Object> row = jdbc.queryForMap("SELECT village_code, fbfbm, dkmc, syqxz, dklb, dldj, tdyt, sfjbnt, scmj_m2::float8 AS scmj, area_m2, cbfbm,"
                + " (SELECT h.id FROM household h WHERE h.household_no = contract_plot.cbfbm) AS household_id, dkdz, cbhtbm, synthetic, ST_SRID(geom) AS srid FROM contract_plot WHERE dkbm = ?", first);
        assertThat(row.get("village_code")).isEqualTo(village);
        assertThat(row.get("fbfbm")).isEqualTo(village + "00");
        assertThat(row.get("dldj")).as("DLDJ padded to two digits").isEqualTo("03");
        assertThat(row.get("sfjbnt")).isEqualTo(true);
        assertThat(row.get("cbfbm")).isEqualTo(household);
        assertThat(row.get("household_id")).as("linked to the household of that code").isNotNull();
        assertThat(row.get("synthetic")).isEqualTo(false);
        assertThat(row.get("srid")).isEqualTo(4490);
        assertThat((Double) row.get("area_m2")).isPositive().isCloseTo((Double) row.get("scmj"), within(0.01));
        assertThat(jdbc.queryForObject("SELECT sfjbnt FROM contract_plot WHERE dkbm = ?", Boolean.class, second)).isFalse();
        // No column of contract_plot holds the file's names.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contract_plot p WHERE p.county_code = ? AND to_jsonb(p)::text LIKE '%' || ? || '%'",
                Integer.class, COUNTY, NAME)).isZero();

        // The newer file renames the second plot and lacks the third: changed 1 (DKMC before/after), removed 1.
        Staged newer = stage("cbdk-2.geojson", cbdk(parcels.subList(0, 2), second, household));
        assertThat(newer.body().path("status").asString()).as(newer.body().toString()).isEqualTo("checked");
        assertThat(newer.count("removed_on_commit")).isEqualTo(1);
        JsonNode result = commit(newer.id());
        assertThat(result.path("added").asInt()).isZero();
        assertThat(result.path("changed").asInt()).isEqualTo(1);
        assertThat(result.path("removed").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT fields->'dkmc'->>1 FROM import_change WHERE job_id = ? AND record_key = ?", String.class, newer.id(), second))
                .isEqualTo("新地名");
        assertThat(jdbc.queryForObject("SELECT fields->'dkmc'->>0 FROM import_change WHERE job_id = ? AND record_key = ?", String.class, newer.id(), second))
                .isEqualTo("地块2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contract_plot WHERE dkbm = ?", Integer.class, third)).isZero();
        assertThat(jdbc.queryForObject("SELECT dkmc FROM contract_plot WHERE dkbm = ?", String.class, second)).isEqualTo("新地名");

        // GraphQL: the county's staff see the plots with their areas and outlines; others are refused.
        String query = "{ contractPlots(countyCode: \"" + COUNTY + "\", villageCode: \"" + village + "\") { totalCount edges { node { plotCode name employerCode"
                + " plotCategory fertilityGrade basicFarmland measuredAreaM2 areaM2 areaMu contractorCode householdKnown village { code } geometry } } } }";
        JsonNode staff = graphqlAs(staffToken(COUNTY), query);
        assertThat(staff.path("errors").isMissingNode()).as(staff.toString()).isTrue();
        JsonNode plots = staff.path("data").path("contractPlots");
        assertThat(plots.path("totalCount").asInt()).isEqualTo(2);
        JsonNode node = plots.path("edges").get(0).path("node");
        assertThat(node.path("plotCode").asString()).isEqualTo(first);
        assertThat(node.path("employerCode").asString()).isEqualTo(village + "00");
        assertThat(node.path("fertilityGrade").asString()).isEqualTo("03");
        assertThat(node.path("householdKnown").asBoolean()).isTrue();
        assertThat(node.path("areaM2").asDouble()).isPositive();
        assertThat(node.path("areaMu").asDouble()).isCloseTo(node.path("areaM2").asDouble() * 15 / 10000, within(1e-6));
        assertThat(node.path("village").path("code").asString()).isEqualTo(village);
        assertThat(node.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(staff.toString()).doesNotContain(NAME);

        JsonNode anonymous = graphql(query);
        assertThat(anonymous.path("errors").get(0).path("extensions").toString()).as(anonymous.toString()).contains("FORBIDDEN");
        assertThat(anonymous.path("data").path("contractPlots").isMissingNode() || anonymous.path("data").path("contractPlots").isNull()).isTrue();
        String other = jdbc.queryForObject("SELECT code FROM admin_unit WHERE level = 'county' AND code <> ? ORDER BY code LIMIT 1", String.class, COUNTY);
        JsonNode otherStaff = graphqlAs(staffToken(other), query);
        assertThat(otherStaff.path("errors").get(0).path("message").asString()).as(otherStaff.toString()).contains("outside the counties");
        // A village of another county is refused, naming the argument.
        JsonNode wrongVillage = graphqlAs(adminToken(), "{ contractPlots(countyCode: \"" + COUNTY + "\", villageCode: \"533401001001\") { totalCount } }");
        assertThat(wrongVillage.path("errors").get(0).toString()).contains("villageCode");
    }

    @Test
    void aFileWithCodesOutsideTheListsOrOfAnotherCountyIsRejectedNamingTheRows() throws Exception {
        Long parcel = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = ? AND ST_IsValid(geom) ORDER BY id LIMIT 1", Long.class, COUNTY);
        String village = jdbc.queryForObject("SELECT village_code FROM land_parcel WHERE id = ?", String.class, parcel);
        byte[] bad = geojson("SELECT ? || '0000001' AS \"DKBM\", ? || '00' AS \"FBFBM\", '77' AS \"DKLB\", '11' AS \"DLDJ\", geom FROM land_parcel WHERE id = ?"
                + " UNION ALL SELECT '5334010010010000001', '53340100100100', '10', '01', geom FROM land_parcel WHERE id = ?", village, village, parcel, parcel);
        Staged rejected = stage("bad.geojson", bad);
        assertThat(rejected.body().path("status").asString()).as(rejected.body().toString()).isEqualTo("rejected");
        JsonNode badCode = rejected.check("bad_code");
        assertThat(badCode.path("count").asInt()).isEqualTo(1);
        assertThat(badCode.path("examples").get(0).path("row_no").asInt()).isEqualTo(1);
        assertThat(badCode.path("examples").get(0).path("record_key").asString()).isEqualTo(village + "0000001");
        assertThat(badCode.toString()).contains("DKLB 77").contains("DLDJ 11");
        JsonNode otherCounty = rejected.check("village_not_in_county");
        assertThat(otherCounty.path("count").asInt()).isEqualTo(1);
        assertThat(otherCounty.path("examples").get(0).path("row_no").asInt()).isEqualTo(2);
        assertThat(otherCounty.toString()).contains("village 533401001001").contains("is not a village of county " + COUNTY);
        JsonNode r = graphqlAs(adminToken(), "mutation { commitImport(id: \"" + rejected.id() + "\") { status } }");
        assertThat(r.path("errors").isMissingNode()).as("a rejected job cannot be committed").isFalse();
        graphqlAs(adminToken(), "mutation { cancelImport(id: \"" + rejected.id() + "\") { status } }");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contract_plot WHERE county_code = ?", Integer.class, COUNTY)).isZero();
    }
}
