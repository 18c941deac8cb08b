package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The investor's land search on hand-built layouts: rectangles of farmland inserted north of 伊金霍洛旗 (outside every
 * demo county, so no demo land mixes in), listed, and searched within the layout's box. Sizes are in metres from the
 * layout's origin; 1° of longitude there is 111,320 × cos(lat) m.
 */
class LandSearchTest extends IntegrationTest {

    static final String COUNTY = "150627";
    static final double LAT0 = 40.6;
    static final double LON0 = 110.0;
    static final double M_PER_DEG_LAT = 110_574;
    static final double M_PER_DEG_LON = 111_320 * Math.cos(Math.toRadians(LAT0));

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InvestorSearch search;

    private final List<Long> parcels = new ArrayList<>();
    private final List<Long> listings = new ArrayList<>();
    private Map<String, Object> template;
    /** Where the layouts lie: off the county (no demo land near), or inside it for a test whose import checks the county boundary. */
    private double lon0 = LON0;
    private double lat0 = LAT0;
    private static int serial;

    @BeforeEach
    void template() {
        template = jdbc.queryForMap("SELECT village_code, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc FROM land_parcel WHERE county_code = ? AND dlbm = '0103' ORDER BY id LIMIT 1", COUNTY);
    }

    @AfterEach
    void cleanUp() {
        if (!listings.isEmpty()) {
            jdbc.update("DELETE FROM circulation_status_history WHERE listing_id IN (" + ids(listings) + ")");
            jdbc.update("DELETE FROM circulation_listing WHERE id IN (" + ids(listings) + ")");
        }
        if (!parcels.isEmpty()) {
            jdbc.update("DELETE FROM land_parcel WHERE id IN (" + ids(parcels) + ")");
        }
    }

    private static String ids(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    /** A rectangle x0..x1 × y0..y1 (metres from the origin, shifted by {@code layout} km east) of the given land class. */
    long parcel(int layout, double x0, double y0, double x1, double y1, String dlbm) {
        double ox = layout * 1000;
        String wkt = String.format(Locale.ROOT, "MULTIPOLYGON(((%1$.9f %2$.9f, %3$.9f %2$.9f, %3$.9f %4$.9f, %1$.9f %4$.9f, %1$.9f %2$.9f)))",
                lon0 + (ox + x0) / M_PER_DEG_LON, lat0 + y0 / M_PER_DEG_LAT, lon0 + (ox + x1) / M_PER_DEG_LON, lat0 + y1 / M_PER_DEG_LAT);
        String tbbh = String.format("S%07d", 1_000_000 + (int) (System.nanoTime() % 8_000_000) + serial++);
        Long id = jdbc.queryForObject("""
                INSERT INTO land_parcel (bsm, tbbh, county_code, village_code, dlbm, dlmc, qsxz, qsdwdm, qsdwmc, zldwdm, zldwmc, tbmj, kcmj, tbdlmj, sjnf,
                                         area_m2, elevation_mean_m, synthetic, geom)
                SELECT ?, ?, ?, ?, ?, (SELECT name FROM land_class WHERE class_system = '三调工作分类' AND code = ?), ?, ?, ?, ?, ?,
                       round(ST_Area(g::geography)::numeric, 2), 0, round(ST_Area(g::geography)::numeric, 2), 2023, ST_Area(g::geography), 1300, true, g
                FROM (SELECT ST_GeomFromText(?, 4490) AS g) s RETURNING id""", Long.class,
                "LS" + tbbh, tbbh, COUNTY, template.get("village_code"), dlbm, dlbm, template.get("qsxz"), template.get("qsdwdm"), template.get("qsdwmc"),
                template.get("zldwdm"), template.get("zldwmc"), wkt);
        parcels.add(id);
        return id;
    }

    long parcel(int layout, double x0, double y0, double x1, double y1) {
        return parcel(layout, x0, y0, x1, y1, "0103");
    }

    /** A listing on offer of these parcels, then the search refreshed for them as the listing workflow does. */
    long list(Double price, int term, String mode, long... ps) {
        List<Long> ids = new ArrayList<>();
        for (long p : ps) {
            ids.add(p);
        }
        Long id = jdbc.queryForObject("""
                INSERT INTO circulation_listing (listing_no, county_code, village_code, title, land_kind, pooled, area_mu, price_yuan_per_mu_year, term_years,
                                                 mode, listed_on, status, contact_office, synthetic, geom)
                SELECT ?, ?, ?, '测试挂牌', 'farmland', false, sum(area_mu), ?, ?, ?, DATE '2025-06-01', 'listed', '测试镇农经站', true, ST_Multi(ST_Union(geom))
                FROM land_parcel WHERE id IN (""" + ids(ids) + ") RETURNING id", Long.class,
                "LSTEST" + System.nanoTime(), COUNTY, template.get("village_code"), price, term, mode);
        listings.add(id);
        for (long p : ps) {
            jdbc.update("INSERT INTO circulation_listing_parcel (county_code, listing_id, parcel_id) VALUES (?, ?, ?)", COUNTY, id, p);
        }
        search.refreshListings(List.of(id));
        return id;
    }

    long list(long... ps) {
        return list(300.0, 10, "lease", ps);
    }

    /** The box of layout {@code layout} (2 km × 1 km around its origin). */
    String box(int layout) {
        double ox = layout * 1000;
        return String.format(Locale.ROOT, "[%.7f, %.7f, %.7f, %.7f]", lon0 + (ox - 200) / M_PER_DEG_LON, lat0 - 200 / M_PER_DEG_LAT,
                lon0 + (ox + 900) / M_PER_DEG_LON, lat0 + 900 / M_PER_DEG_LAT);
    }

    JsonNode searchIn(int layout, String criteria, String paging) {
        JsonNode r = graphql("{ landSearch(county: \"" + COUNTY + "\", criteria: { bbox: " + box(layout) + (criteria.isEmpty() ? "" : ", " + criteria) + "}"
                + paging + ") { totalCount totalAreaMu qualifyingParcelCount pageInfo { hasNextPage endCursor } edges { cursor node { id rank score reasons areaMu usableAreaMu"
                + " parcelCount parcelIds listingCount priceMinYuanPerMuYear priceMaxYuanPerMuYear termMinYears modes villages { code name }"
                + " roadDistanceM townDistanceM permanentBasicFarmlandMu outline labelPoint bbox listings { id listingNo contactOffice } } } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r.path("data").path("landSearch");
    }

    JsonNode searchIn(int layout, String criteria) {
        return searchIn(layout, criteria, "");
    }

    static List<Integer> parcelCounts(JsonNode result) {
        List<Integer> out = new ArrayList<>();
        result.path("edges").forEach(e -> out.add(e.path("node").path("parcelCount").asInt()));
        return out;
    }

    @Test
    void touchingParcelsFormOneClusterWithItsFigures() {
        long a = parcel(0, 0, 0, 100, 100);
        long b = parcel(0, 100, 0, 200, 100);
        list(250.0, 10, "lease", a);
        list(350.0, 15, "equity", b);
        JsonNode r = searchIn(0, "");
        assertThat(r.path("totalCount").asInt()).isEqualTo(1);
        JsonNode c = r.path("edges").get(0).path("node");
        assertThat(c.path("parcelCount").asInt()).isEqualTo(2);
        assertThat(c.path("listingCount").asInt()).isEqualTo(2);
        double mu = jdbc.queryForObject("SELECT sum(area_mu) FROM land_parcel WHERE id IN (?, ?)", Double.class, a, b);
        assertThat(c.path("areaMu").asDouble()).isCloseTo(mu, org.assertj.core.data.Offset.offset(0.01));
        // 20,000 m² = 30 mu (ellipsoidal, within the spherical approximation of the layout).
        assertThat(mu).isCloseTo(30, org.assertj.core.data.Offset.offset(0.3));
        assertThat(c.path("priceMinYuanPerMuYear").asDouble()).isEqualTo(250);
        assertThat(c.path("priceMaxYuanPerMuYear").asDouble()).isEqualTo(350);
        assertThat(c.path("termMinYears").asInt()).isEqualTo(10);
        assertThat(c.path("modes").toString()).contains("LEASE", "EQUITY");
        assertThat(c.path("villages").get(0).path("code").asString()).isEqualTo(template.get("village_code"));
        assertThat(c.path("outline").path("type").asString()).isEqualTo("Polygon");   // one polygon: the shared edge dissolved
        assertThat(c.path("reasons").get(0).asString()).startsWith("连片");
        assertThat(c.path("score").asDouble()).isBetween(0.0, 100.0);
        assertThat(c.path("listings").get(0).path("contactOffice").asString()).isEqualTo("测试镇农经站");
    }

    @Test
    void aThreeMetreRidgeIsBridgedUnlessTheToleranceIsSmaller() {
        long a = parcel(1, 0, 0, 100, 100);
        long b = parcel(1, 103, 0, 203, 100);
        list(a);
        list(b);
        assertThat(parcelCounts(searchIn(1, ""))).containsExactly(2);
        JsonNode one = searchIn(1, "").path("edges").get(0).path("node");
        assertThat(one.path("outline").path("type").asString()).as("the ridge is closed in the outline").isEqualTo("Polygon");
        assertThat(parcelCounts(searchIn(1, "gapToleranceM: 2"))).containsExactly(1, 1);
    }

    @Test
    void parcelsFiftyMetresApartAreTwoClusters() {
        long a = parcel(2, 0, 0, 100, 100);
        long b = parcel(2, 150, 0, 250, 100);
        list(a, b);
        assertThat(parcelCounts(searchIn(2, ""))).containsExactly(1, 1);
        assertThat(parcelCounts(searchIn(2, "gapToleranceM: 10"))).containsExactly(1, 1);
    }

    @Test
    void parcelsMeetingOnlyAtACornerAreTwoClusters() {
        long a = parcel(3, 0, 0, 100, 100);
        long b = parcel(3, 100, 100, 200, 200);
        list(a, b);
        assertThat(parcelCounts(searchIn(3, ""))).containsExactly(1, 1);
        assertThat(parcelCounts(searchIn(3, "gapToleranceM: 10"))).containsExactly(1, 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_parcel_adjacency WHERE parcel_a = ? AND parcel_b = ?", Integer.class,
                Math.min(a, b), Math.max(a, b))).isZero();
        // A third parcel along both their sides joins them into one.
        long c = parcel(3, 100, 0, 200, 100);
        list(c);
        assertThat(parcelCounts(searchIn(3, ""))).containsExactly(3);
    }

    @Test
    void aCornerContactBesideAWideStripIsContiguousOnlyAtTheStripsWidth() {
        // b touches a only at a's corner (100, 100) and runs along a's top edge 8 m above it: at 5 m it is a corner
        // contact, from 8 m a facing edge. (Their least distance is 0, so a test of the distance alone would merge them.)
        long a = parcel(10, 0, 0, 100, 100);
        double ox = 10 * 1000;
        String wkt = String.format(Locale.ROOT, "MULTIPOLYGON(((%s, %s, %s, %s, %s, %s, %s)))", pt(ox + 100, 100), pt(ox + 200, 100), pt(ox + 200, 200),
                pt(ox, 200), pt(ox, 108), pt(ox + 100, 108), pt(ox + 100, 100));
        long b = parcel(10, 0, 0, 1, 1);
        jdbc.update("UPDATE land_parcel SET geom = ST_GeomFromText(?, 4490), area_m2 = ST_Area(ST_GeomFromText(?, 4490)::geography) WHERE id = ?", wkt, wkt, b);
        list(a);
        list(b);
        assertThat(parcelCounts(searchIn(10, ""))).containsExactly(1, 1);
        assertThat(parcelCounts(searchIn(10, "gapToleranceM: 7"))).containsExactly(1, 1);
        assertThat(parcelCounts(searchIn(10, "gapToleranceM: 9"))).containsExactly(2);
        assertThat(jdbc.queryForObject("SELECT tolerance_m FROM circulation_parcel_adjacency WHERE parcel_a = ? AND parcel_b = ?", Double.class,
                Math.min(a, b), Math.max(a, b))).isBetween(8.0, 9.0);
    }

    static String pt(double x, double y) {
        return String.format(Locale.ROOT, "%.9f %.9f", LON0 + x / M_PER_DEG_LON, LAT0 + y / M_PER_DEG_LAT);
    }

    @Test
    void eachFilterExcludesWhatItShould() {
        // A block of 4 touching parcels (60 mu) and a separate single one (15 mu), with different terms.
        long a = parcel(4, 0, 0, 100, 100);
        long b = parcel(4, 100, 0, 200, 100);
        long c = parcel(4, 0, 100, 100, 200);
        long d = parcel(4, 100, 100, 200, 200);
        long e = parcel(4, 400, 0, 500, 100, "0401");   // grassland
        list(200.0, 20, "lease", a, b);
        list(500.0, 8, "equity", c, d);
        list(null, 30, "other", e);
        assertThat(parcelCounts(searchIn(4, ""))).containsExactlyInAnyOrder(4, 1);
        // Minimum contiguous area: the block holds 60 mu (4 × 1 ha; 60.4 as the layout's metres are spherical), the single parcel 15.
        assertThat(parcelCounts(searchIn(4, "minContiguousAreaMu: 59"))).containsExactly(4);
        assertThat(parcelCounts(searchIn(4, "minContiguousAreaMu: 61"))).isEmpty();
        // Price: the 500-yuan half drops out, the negotiable parcel stays unless negotiable is excluded.
        assertThat(parcelCounts(searchIn(4, "maxPriceYuanPerMuYear: 300"))).containsExactlyInAnyOrder(2, 1);
        assertThat(parcelCounts(searchIn(4, "maxPriceYuanPerMuYear: 300, includeNegotiable: false"))).containsExactly(2);
        // Term and mode.
        assertThat(parcelCounts(searchIn(4, "minTermYears: 10"))).containsExactlyInAnyOrder(2, 1);
        assertThat(parcelCounts(searchIn(4, "modes: [EQUITY]"))).containsExactly(2);
        // Land class group.
        assertThat(parcelCounts(searchIn(4, "classGroups: [GRASSLAND]"))).containsExactly(1);
        assertThat(parcelCounts(searchIn(4, "classGroups: [FARMLAND]"))).containsExactly(4);
        // Elevation (the layout's parcels lie at 1300 m).
        assertThat(parcelCounts(searchIn(4, "elevationM: {min: 1400}"))).isEmpty();
    }

    @Test
    void beltFilterAndUnknownBelt() {
        List<Map<String, Object>> belts = jdbc.queryForList("SELECT b.id, b.code FROM belt b JOIN belt_scheme s ON s.id = b.scheme_id"
                + " WHERE s.county_code = ? AND s.is_default ORDER BY b.min_elevation_m", COUNTY);
        assertThat(belts).hasSizeGreaterThanOrEqualTo(2);
        long a = parcel(5, 0, 0, 100, 100);
        long b = parcel(5, 100, 0, 200, 100);
        jdbc.update("UPDATE land_parcel SET belt_id = ? WHERE id = ?", belts.get(0).get("id"), a);
        jdbc.update("UPDATE land_parcel SET belt_id = ? WHERE id = ?", belts.get(1).get("id"), b);
        list(a, b);
        assertThat(parcelCounts(searchIn(5, "belts: [\"" + belts.get(0).get("code") + "\"]"))).containsExactly(1);
        assertThat(parcelCounts(searchIn(5, ""))).containsExactly(2);
        JsonNode bad = graphql("{ landSearch(county: \"" + COUNTY + "\", criteria: { belts: [\"no-such-belt\"] }) { totalCount } }");
        assertThat(bad.path("errors").get(0).path("extensions").path("argument").asString()).isEqualTo("criteria.belts");
        assertThat(bad.path("errors").get(0).path("message").asString()).contains("no-such-belt");
    }

    @Test
    void protectedLandIsLeftOutWhereTheIntendedUseRequires() {
        long a = parcel(6, 0, 0, 100, 100);
        long b = parcel(6, 100, 0, 200, 100);
        long c = parcel(6, 200, 0, 300, 100);
        jdbc.update("UPDATE land_parcel SET is_permanent_basic_farmland = true WHERE id = ?", b);   // the middle one
        list(a, b, c);
        assertThat(parcelCounts(searchIn(6, "intendedUse: GRAIN"))).containsExactly(3);
        JsonNode grain = searchIn(6, "intendedUse: GRAIN").path("edges").get(0).path("node");
        assertThat(grain.path("permanentBasicFarmlandMu").asDouble()).isGreaterThan(14);
        // No orchards on permanent basic farmland: the middle parcel goes, and the rest falls apart.
        assertThat(parcelCounts(searchIn(6, "intendedUse: ORCHARD"))).containsExactly(1, 1);
        assertThat(parcelCounts(searchIn(6, "intendedUse: FISH_POND"))).containsExactly(1, 1);
        // Non-grain use: only under supervision, which is then stated.
        assertThat(parcelCounts(searchIn(6, "intendedUse: CASH_CROPS"))).containsExactly(1, 1);
        JsonNode supervised = searchIn(6, "intendedUse: CASH_CROPS, acceptSupervision: true").path("edges");
        assertThat(supervised).hasSize(1);
        assertThat(supervised.get(0).path("node").path("reasons").toString()).contains("需用途监管");
        assertThat(parcelCounts(searchIn(6, "excludePermanentBasicFarmland: true"))).containsExactly(1, 1);
    }

    @Test
    void withdrawingAListingSplitsAndThenRemovesTheCluster() {
        long a = parcel(7, 0, 0, 100, 100);
        long b = parcel(7, 100, 0, 200, 100);
        long c = parcel(7, 200, 0, 300, 100);
        long la = list(a);
        long lb = list(b);
        long lc = list(c);
        assertThat(parcelCounts(searchIn(7, ""))).containsExactly(3);
        String staff = staffToken(COUNTY);
        JsonNode w = graphqlAs(staff, "mutation { setListingStatus(id: \"" + lb + "\", status: WITHDRAWN, reason: \"农户退出\", expectedVersion: " + listingVersion(lb) + ") { status } }");
        assertThat(w.path("errors").isMissingNode()).as(w.toString()).isTrue();
        assertThat(parcelCounts(searchIn(7, ""))).containsExactly(1, 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_search_parcel WHERE parcel_id = ?", Integer.class, b)).isZero();
        graphqlAs(staff, "mutation { setListingStatus(id: \"" + la + "\", status: WITHDRAWN, reason: \"撤回\", expectedVersion: " + listingVersion(la) + ") { status } }");
        graphqlAs(staff, "mutation { setListingStatus(id: \"" + lc + "\", status: WITHDRAWN, reason: \"撤回\", expectedVersion: " + listingVersion(lc) + ") { status } }");
        assertThat(searchIn(7, "").path("totalCount").asInt()).isZero();
        // Reopened as drafts and listed again, the block is whole again.
        for (long l : new long[] {la, lb, lc}) {
            for (String to : List.of("DRAFT", "LISTED")) {
                JsonNode r = graphqlAs(staff, "mutation { setListingStatus(id: \"" + l + "\", status: " + to + ", reason: \"重新挂牌\", expectedVersion: "
                        + listingVersion(l) + ") { status } }");
                assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
            }
        }
        assertThat(parcelCounts(searchIn(7, ""))).containsExactly(3);
        // A township rebuild gives the same edges as the incremental refreshes.
        List<Map<String, Object>> before = jdbc.queryForList("SELECT parcel_a, parcel_b FROM circulation_parcel_adjacency WHERE parcel_a IN (?, ?, ?) ORDER BY 1, 2", a, b, c);
        search.rebuild(COUNTY);
        assertThat(jdbc.queryForList("SELECT parcel_a, parcel_b FROM circulation_parcel_adjacency WHERE parcel_a IN (?, ?, ?) ORDER BY 1, 2", a, b, c)).isEqualTo(before);
        assertThat(before).hasSize(2);
    }

    @Test
    void aSurveyImportThatMovesAParcelApartSplitsItsClusterWithTheCommit() throws Exception {
        // An import must lie inside the county: the layout goes to a place of the county with no demo parcel within 3 km.
        Map<String, Object> inside = jdbc.queryForMap("""
                SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM admin_unit u,
                       LATERAL (SELECT (ST_Dump(ST_GeneratePoints(ST_Buffer(u.boundary, -0.05), 400, 7))).geom AS g) pts
                WHERE u.code = ? AND NOT EXISTS (SELECT 1 FROM land_parcel p WHERE ST_DWithin(p.geom, pts.g, 0.03))
                  AND ST_Covers(u.boundary, ST_MakeEnvelope(ST_X(g), ST_Y(g) - 0.01, ST_X(g) + 0.01, ST_Y(g) + 0.01, 4490))
                ORDER BY ST_X(g), ST_Y(g) LIMIT 1""", COUNTY);
        lon0 = ((Number) inside.get("lon")).doubleValue() - 11_000 / M_PER_DEG_LON;
        lat0 = ((Number) inside.get("lat")).doubleValue();
        long a = parcel(11, 0, 0, 100, 100);
        long b = parcel(11, 100, 0, 200, 100);
        list(a, b);
        assertThat(parcelCounts(searchIn(11, ""))).containsExactly(2);
        // Next year's survey holds the same two parcels (their BSMs), b's outline 50 m further east.
        byte[] zip = dltbZip("CASE WHEN id = " + b + " THEN ST_Translate(geom, 50 / " + M_PER_DEG_LON + ", 0) ELSE geom END", "id IN (" + a + ", " + b + ")");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=dltb&scope=add&county=" + COUNTY
                        + "&fileName=dltb.zip")).header("Authorization", "Bearer " + adminToken()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        JsonNode job = tools.jackson.databind.json.JsonMapper.builder().build().readTree(up.body());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("checked");
        HttpResponse<String> commit = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/exchange/imports/" + job.path("id").asLong() + "/commit"))
                .header("Authorization", "Bearer " + adminToken()).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(commit.statusCode()).as(commit.body()).isEqualTo(200);
        // Both change: b's outline, and a too, a synthetic parcel the survey now holds as real.
        assertThat(commit.body()).contains("\"result\":{\"added\":0,\"changed\":2,\"removed\":0}");
        // The search follows the survey at once: two clusters of one parcel each, b's at its new place.
        JsonNode after = searchIn(11, "");
        assertThat(parcelCounts(after)).containsExactly(1, 1);
        assertThat(jdbc.queryForObject("SELECT ST_XMin(geom) FROM land_parcel WHERE id = ?", Double.class, b))
                .isGreaterThan(lon0 + (11_000 + 149) / M_PER_DEG_LON);
    }

    /** These parcels as a zipped DLTB Shapefile (EPSG:4490) under their own BSMs, with {@code geom} as their outline. */
    private byte[] dltbZip(String geom, String where) throws Exception {
        Path dir = Files.createTempDirectory("dltb");
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        URI u = URI.create(db.url().substring(5));
        String sql = "SELECT bsm AS BSM, tbbh AS TBBH, dlbm AS DLBM, dlmc AS DLMC, qsxz AS QSXZ, qsdwdm AS QSDWDM, qsdwmc AS QSDWMC, zldwdm AS ZLDWDM,"
                + " zldwmc AS ZLDWMC, tbmj AS TBMJ, kcmj AS KCMJ, tbdlmj AS TBDLMJ, sjnf AS SJNF, " + geom + " AS geom FROM land_parcel WHERE " + where;
        ProcessBuilder pb = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", dir.resolve("DLTB.shp").toString(),
                "PG:host=" + u.getHost() + " port=" + u.getPort() + " dbname=" + u.getPath().substring(1) + " user=" + db.user(), "-sql", sql, "-lco", "ENCODING=UTF-8");
        pb.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        assertThat(pb.redirectErrorStream(true).inheritIO().start().waitFor()).isZero();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes); java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(f.getFileName().toString()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void pagesFollowTheFitOrder() {
        // Three separate clusters of 1, 2 and 3 parcels.
        list(parcel(8, 0, 0, 100, 100));
        list(parcel(8, 0, 300, 100, 400), parcel(8, 100, 300, 200, 400));
        list(parcel(8, 400, 0, 500, 100), parcel(8, 500, 0, 600, 100), parcel(8, 600, 0, 700, 100));
        JsonNode all = searchIn(8, "");
        assertThat(all.path("totalCount").asInt()).isEqualTo(3);
        List<Double> scores = new ArrayList<>();
        all.path("edges").forEach(e -> scores.add(e.path("node").path("score").asDouble()));
        assertThat(scores).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        JsonNode p1 = searchIn(8, "", ", first: 2");
        assertThat(p1.path("edges")).hasSize(2);
        assertThat(p1.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        JsonNode p2 = searchIn(8, "", ", first: 2, after: \"" + p1.path("pageInfo").path("endCursor").asString() + "\"");
        assertThat(p2.path("edges")).hasSize(1);
        assertThat(p2.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
        assertThat(p2.path("edges").get(0).path("node").path("rank").asInt()).isEqualTo(3);
        assertThat(p2.path("edges").get(0).path("node").path("id").asString()).isEqualTo(all.path("edges").get(2).path("node").path("id").asString());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("minContiguousAreaMu: -5", "criteria.minContiguousAreaMu");
        cases.put("gapToleranceM: 500", "criteria.gapToleranceM");
        cases.put("gapToleranceM: -1", "criteria.gapToleranceM");
        cases.put("maxPriceYuanPerMuYear: -1", "criteria.maxPriceYuanPerMuYear");
        cases.put("minTermYears: 99", "criteria.minTermYears");
        cases.put("modes: [SWAP]", "criteria.modes");
        cases.put("maxRoadDistanceM: 1e9", "criteria.maxRoadDistanceM");
        cases.put("maxTownDistanceM: -3", "criteria.maxTownDistanceM");
        cases.put("elevationM: {min: 2000, max: 1000}", "criteria.elevationM");
        cases.put("adminCode: \"533401001\"", "criteria.adminCode");
        cases.put("bbox: [120, 40, 119, 41]", "criteria.bbox");
        cases.forEach((criteria, argument) -> {
            JsonNode r = graphql("{ landSearch(county: \"" + COUNTY + "\", criteria: { " + criteria + " }) { totalCount } }");
            assertThat(r.path("errors").get(0).path("extensions").path("argument").asString()).as(criteria + ": " + r).isEqualTo(argument);
            assertThat(r.path("errors").get(0).path("extensions").path("code").asString()).as(criteria).isIn("BAD_USER_INPUT", "NOT_FOUND");
        });
        JsonNode county = graphql("{ landSearch(county: \"999999\") { totalCount } }");
        assertThat(county.path("errors").get(0).path("extensions").path("argument").asString()).isEqualTo("county");
    }

    @Test
    void theDemoLoadBuiltTheIndexAndThePublicSeesNoPersonalData() {
        int available = jdbc.queryForObject("""
                SELECT count(DISTINCT lp.parcel_id) FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                JOIN land_parcel p ON p.id = lp.parcel_id
                WHERE l.status IN ('listed', 'negotiating') AND p.bsm NOT LIKE 'LS%' AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp
                  JOIN circulation_contract k ON k.id = cp.contract_id WHERE cp.parcel_id = lp.parcel_id AND k.status IN ('signed', 'filed', 'active', 'disputed'))""",
                Integer.class);
        assertThat(available).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_search_parcel s JOIN land_parcel p ON p.id = s.parcel_id WHERE p.synthetic"
                + " AND p.bsm NOT LIKE 'LS%'", Integer.class)).isEqualTo(available);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM circulation_parcel_adjacency", Integer.class)).isPositive();
        // The public searches a whole county and reads every field of the clusters and their listings.
        JsonNode r = graphql("{ landSearch(county: \"" + COUNTY + "\", first: 50) { totalCount edges { node { id score reasons areaMu parcelIds"
                + " villages { code name } listings { id listingNo title contactOffice intendedUse } belts { code name } } } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        assertThat(r.path("data").path("landSearch").path("totalCount").asInt()).isPositive();
        String text = r.toString();
        List<Map<String, Object>> people = jdbc.queryForList("""
                SELECT i.head_name, i.id_number, i.phone FROM personal.household_identity i JOIN household h ON h.id = i.household_id
                WHERE left(h.village_code, 6) = ? LIMIT 2000""", COUNTY);
        assertThat(people).isNotEmpty();
        for (Map<String, Object> p : people) {
            assertThat(text).doesNotContain((String) p.get("id_number"));
            if (p.get("phone") != null) {
                assertThat(text).doesNotContain((String) p.get("phone"));
            }
        }
        assertThat(text).doesNotContainPattern("\\b1[3-9][0-9]{9}\\b");
        // The schema has no personal field on a cluster.
        JsonNode type = graphql("{ __type(name: \"LandCluster\") { fields { name } } }");
        assertThat(type.toString().toLowerCase(Locale.ROOT)).doesNotContain("phone", "idnumber", "transferor", "household");
    }

    @Test
    void exportIsForStaffAndHoldsTheClusters() {
        list(parcel(9, 0, 0, 100, 100), parcel(9, 100, 0, 200, 100));
        list(parcel(9, 400, 0, 500, 100));
        String q = "mutation { exportLandSearch(county: \"" + COUNTY + "\", criteria: { bbox: " + box(9) + " }, format: GEOJSON) { rows url } }";
        JsonNode pub = graphql(q);
        assertThat(pub.path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        JsonNode staff = graphqlAs(staffToken(COUNTY), q);
        assertThat(staff.path("errors").isMissingNode()).as(staff.toString()).isTrue();
        assertThat(staff.path("data").path("exportLandSearch").path("rows").asInt()).isEqualTo(2);
    }

    private int listingVersion(long listing) {
        return jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, listing);
    }
}
