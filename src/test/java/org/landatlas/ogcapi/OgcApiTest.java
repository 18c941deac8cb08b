package org.landatlas.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.landatlas.security.RateLimiter;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * OGC API – Features at /ogc, checked the way the abstract test suites of Part 1 and Part 2 check a server (the
 * executable suite is not available here): answers valid against the standard's schemas, paging, bbox, CRS and axis
 * order, Content-Crs, who sees what, errors; and GDAL's own OAPIF client listing and copying collections.
 */
class OgcApiTest extends IntegrationTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private static final String EPSG4490 = "http://www.opengis.net/def/crs/EPSG/0/4490";
    private static final String COUNTY = "331126";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RateLimiter limiter;

    @Autowired
    private List<FeatureCollectionSource> sources;

    private HttpResponse<byte[]> get(String path, String... headers) {
        return Http.get(port, path, headers);
    }

    private JsonNode json(String path, String... headers) {
        HttpResponse<byte[]> r = get(path, headers);
        assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return Http.JSON.readTree(r.body());
    }

    private static void valid(String schema, JsonNode node) {
        Schema s = SCHEMAS.getSchema(SchemaLocation.of("classpath:ogcapi/schemas/" + schema + ".json"));
        assertThat(s.validate(node)).as(schema + " errors").isEmpty();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A path of an absolute link of this server. */
    private String path(String href) {
        URI u = URI.create(href);
        assertThat(u.getPort()).isEqualTo(port);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    private static JsonNode linkOf(JsonNode doc, String rel) {
        for (JsonNode l : doc.path("links")) {
            if (l.path("rel").asString().equals(rel)) {
                return l;
            }
        }
        return null;
    }

    @Test
    void landingPageConformanceAndApiDefinitionFollowTheStandard() {
        JsonNode landing = json("/ogc");
        valid("landingPage", landing);
        assertThat(linkOf(landing, "service-desc").path("type").asString()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
        assertThat(linkOf(landing, "conformance")).isNotNull();
        assertThat(linkOf(landing, "data")).isNotNull();

        JsonNode conf = json(path(linkOf(landing, "conformance").path("href").asString()));
        valid("confClasses", conf);
        List<String> classes = conf.path("conformsTo").valueStream().map(JsonNode::asString).toList();
        assertThat(classes).contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

        HttpResponse<byte[]> api = get(path(linkOf(landing, "service-desc").path("href").asString()));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/vnd.oai.openapi+json;version=3.0");
        JsonNode doc = Http.JSON.readTree(api.body());
        assertThat(doc.path("openapi").asString()).startsWith("3.0.");
        assertThat(doc.path("paths").has("/collections/parcels/items")).isTrue();
        assertThat(doc.path("paths").path("/collections/parcels/items").path("get").path("parameters").toString()).contains("\"limit\"").contains("\"bbox\"")
                .contains("\"DLBM\"").contains("\"crs\"");
    }

    @Test
    void collectionsListIdsStorageCrsAndTheCountiesZones() {
        JsonNode all = json("/ogc/collections");
        valid("collections", all);
        List<String> ids = all.path("collections").valueStream().map(c -> c.path("id").asString()).toList();
        assertThat(ids).contains("parcels", "townships", "villages", "protection_zones", "high_standard_farmland", "circulation_listings", "pv_sites", "homesteads");
        // The zones of the counties of the parcels: prefixed (4513 + zone - 25) and truncated (4534 + zone - 25) codes.
        Set<String> expected = new TreeSet<>(List.of(CRS84, EPSG4490));
        for (Integer zone : jdbc.queryForList("SELECT DISTINCT round((ST_XMin(e) + ST_XMax(e)) / 2 / 3)::int FROM (SELECT county_code, ST_Extent(geom) e FROM land_parcel GROUP BY 1) x",
                Integer.class)) {
            expected.add("http://www.opengis.net/def/crs/EPSG/0/" + (4513 + zone - 25));
            expected.add("http://www.opengis.net/def/crs/EPSG/0/" + (4534 + zone - 25));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
        for (JsonNode c : all.path("collections")) {
            valid("collection", c);
            assertThat(c.path("storageCrs").asString()).isEqualTo(EPSG4490);
            assertThat(linkOf(c, "items")).isNotNull();
            assertThat(c.path("extent").path("spatial").path("bbox").get(0).size()).isEqualTo(4);
        }
        // A collection with a date has its date range, in UTC.
        JsonNode listings = json("/ogc/collections/circulation_listings", "Authorization", "Bearer " + adminToken());
        String firstListed = jdbc.queryForObject("SELECT min(listed_on)::text FROM circulation_listing", String.class);
        String start = listings.path("extent").path("temporal").path("interval").get(0).get(0).asString();
        assertThat(start).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        // The first listing day, as a UTC instant (the day before where the session's zone is east of UTC).
        assertThat(start.substring(0, 10)).isIn(firstListed, java.time.LocalDate.parse(firstListed).minusDays(1).toString());
        assertThat(listings.path("extent").path("temporal").path("interval").get(0).get(1).asString()).endsWith("Z");
        assertThat(json("/ogc/collections/villages").path("extent").has("temporal")).isFalse();
        JsonNode parcels = json("/ogc/collections/parcels");
        valid("collection", parcels);
        assertThat(new TreeSet<>(parcels.path("crs").valueStream().map(JsonNode::asString).toList())).isEqualTo(expected);
        // Hulunbuir's Ewenki banner (~119.7°E) is in zone 40: EPSG:4528 with the prefix, 4549 without.
        assertThat(parcels.path("crs").toString()).contains("EPSG/0/4528").contains("EPSG/0/4549");
    }

    @Test
    void anItemPageIsValidGeoJsonWithCountAndContentCrs() {
        HttpResponse<byte[]> r = get("/ogc/collections/parcels/items?county_code=" + COUNTY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/geo+json");
        assertThat(r.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<" + CRS84 + ">");
        JsonNode page = Http.JSON.readTree(r.body());
        valid("featureCollectionGeoJSON", page);
        long n = jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code = ?", Long.class, COUNTY);
        assertThat(page.path("numberMatched").asLong()).isEqualTo(n);
        assertThat(page.path("numberReturned").asInt()).isEqualTo(10);
        assertThat(page.path("features")).hasSize(10);
        JsonNode f = page.path("features").get(0);
        assertThat(f.path("geometry").path("type").asString()).isEqualTo("MultiPolygon");
        assertThat(f.path("properties").has("DLBM")).isTrue();
        assertThat(f.path("properties").path("county_code").asString()).isEqualTo(COUNTY);
        assertThat(linkOf(page, "next").path("type").asString()).isEqualTo("application/geo+json");
        assertThat(linkOf(page, "self")).isNotNull();

        JsonNode one = json("/ogc/collections/parcels/items/" + f.path("id").asLong());
        valid("featureGeoJSON", one);
        assertThat(one.path("properties").path("BSM").asString()).isEqualTo(f.path("properties").path("BSM").asString());
        valid("featureCollectionGeoJSON", json("/ogc/collections/villages/items?limit=3"));
        valid("featureGeoJSON", json("/ogc/collections/villages/items/" + json("/ogc/collections/villages/items?limit=1").path("features").get(0).path("id").asString()));
    }

    @Test
    void pagingThroughACollectionByItsNextLinksGivesEveryRowOnce() {
        Set<Long> expected = new HashSet<>(jdbc.queryForList("SELECT id FROM land_parcel WHERE county_code = ?", Long.class, COUNTY));
        List<Long> seen = new ArrayList<>();
        String next = "/ogc/collections/parcels/items?county_code=" + COUNTY + "&limit=1000";
        int pages = 0;
        while (next != null) {
            JsonNode page = json(next);
            page.path("features").forEach(f -> seen.add(f.path("id").asLong()));
            assertThat(page.path("numberReturned").asInt()).isEqualTo(page.path("features").size());
            JsonNode l = linkOf(page, "next");
            next = l == null ? null : path(l.path("href").asString());
            if (next != null) {
                assertThat(next).contains("cursor=").contains("county_code=" + COUNTY);
            }
            pages++;
        }
        assertThat(seen).hasSize(expected.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(pages).isEqualTo((expected.size() + 999) / 1000);

        // Text ids (village codes) page the same way.
        Set<String> villages = new HashSet<>(jdbc.queryForList("SELECT code FROM admin_unit WHERE level = 'village'", String.class));
        List<String> got = new ArrayList<>();
        next = "/ogc/collections/villages/items?limit=97";
        while (next != null) {
            JsonNode page = json(next);
            page.path("features").forEach(f -> got.add(f.path("id").asString()));
            JsonNode l = linkOf(page, "next");
            next = l == null ? null : path(l.path("href").asString());
        }
        assertThat(got).doesNotHaveDuplicates();
        assertThat(new HashSet<>(got)).isEqualTo(villages);
    }

    @Test
    void bboxSelectsTheIntersectingRowsInEachAxisOrder() {
        Map<String, Object> p = jdbc.queryForMap("SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(geom) c FROM land_parcel WHERE county_code = ? ORDER BY id LIMIT 1) x", COUNTY);
        double lon = ((Number) p.get("lon")).doubleValue(), lat = ((Number) p.get("lat")).doubleValue();
        double d = 0.004;
        Set<Long> expected = new TreeSet<>(jdbc.queryForList("SELECT id FROM land_parcel WHERE ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4490))", Long.class,
                lon - d, lat - d, lon + d, lat + d));
        assertThat(expected).isNotEmpty();
        String lonLat = (lon - d) + "," + (lat - d) + "," + (lon + d) + "," + (lat + d);
        String latLon = (lat - d) + "," + (lon - d) + "," + (lat + d) + "," + (lon + d);
        JsonNode a = json("/ogc/collections/parcels/items?limit=10000&bbox=" + lonLat);
        JsonNode b = json("/ogc/collections/parcels/items?limit=10000&bbox=" + latLon + "&bbox-crs=" + enc(EPSG4490));
        JsonNode c = json("/ogc/collections/parcels/items?limit=10000&bbox=" + latLon + "&bbox-crs=" + enc("[EPSG:4490]"), "Authorization", "Bearer " + adminToken());
        for (JsonNode page : List.of(a, b, c)) {
            Set<Long> ids = new TreeSet<>(page.path("features").valueStream().map(f -> f.path("id").asLong()).toList());
            assertThat(ids).isEqualTo(expected);
            assertThat(page.path("numberMatched").asLong()).isEqualTo(expected.size());
        }
    }

    @Test
    void crsOutputHasEachCrsAxisOrderAndContentCrsEchoesTheAskedUri() {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT id, county_code, ST_X(p) AS lon, ST_Y(p) AS lat FROM (
                  SELECT id, county_code, ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) p FROM land_parcel WHERE county_code = ? ORDER BY id LIMIT 1) x""", COUNTY);
        long id = ((Number) row.get("id")).longValue();
        double lon = ((Number) row.get("lon")).doubleValue(), lat = ((Number) row.get("lat")).doubleValue();
        String item = "/ogc/collections/parcels/items/" + id;

        HttpResponse<byte[]> r = get(item + "?crs=" + enc(CRS84));
        assertThat(r.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<" + CRS84 + ">");
        JsonNode first = firstVertex(r);
        assertThat(first.get(0).asDouble()).isCloseTo(lon, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first.get(1).asDouble()).isCloseTo(lat, org.assertj.core.data.Offset.offset(1e-6));

        r = get(item + "?crs=" + enc(EPSG4490));
        assertThat(r.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<" + EPSG4490 + ">");
        first = firstVertex(r);
        assertThat(first.get(0).asDouble()).as("EPSG:4490 is lat/lon").isCloseTo(lat, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(first.get(1).asDouble()).isCloseTo(lon, org.assertj.core.data.Offset.offset(1e-6));

        // An alias is echoed as it was given.
        r = get(item + "?crs=" + enc("[EPSG:4490]"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<[EPSG:4490]>");
        r = get("/ogc/collections/parcels/items?limit=2&crs=" + enc("[OGC:CRS84]"));
        assertThat(r.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<[OGC:CRS84]>");

        // The county's 3-degree Gauss-Kruger zone: northing first, then the easting with its zone prefix.
        int zone = (int) Math.round(lon / 3);
        int prefixed = 4513 + zone - 25, truncated = 4534 + zone - 25;
        double cm = zone * 3.0;
        double eastOffset = (lon - cm) * 111_320 * Math.cos(Math.toRadians(lat));
        // Meridian arc length of CGCS2000 (series to sin 4φ); off the central meridian the northing grows by under 1.5 km.
        double phi = Math.toRadians(lat);
        double northApprox = 111_132.95 * lat - 16_038.5 * Math.sin(2 * phi) + 16.8 * Math.sin(4 * phi);
        r = get(item + "?crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/" + prefixed));
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Crs").orElse("")).isEqualTo("<http://www.opengis.net/def/crs/EPSG/0/" + prefixed + ">");
        first = firstVertex(r);
        assertThat(first.get(0).asDouble()).as("northing").isCloseTo(northApprox, org.assertj.core.data.Offset.offset(1_500.0));
        assertThat(first.get(1).asDouble()).as("easting with the zone prefix").isCloseTo(zone * 1_000_000 + 500_000 + eastOffset, org.assertj.core.data.Offset.offset(1_000.0));
        r = get(item + "?crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/" + truncated));
        first = firstVertex(r);
        assertThat(first.get(1).asDouble()).as("easting without the prefix").isCloseTo(500_000 + eastOffset, org.assertj.core.data.Offset.offset(1_000.0));
        // Exactly what PostGIS computes for the same vertex.
        Map<String, Object> gk = jdbc.queryForMap("SELECT ST_X(q) AS e, ST_Y(q) AS n FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4490), ?) q) x", lon, lat, truncated);
        assertThat(first.get(0).asDouble()).isCloseTo(((Number) gk.get("n")).doubleValue(), org.assertj.core.data.Offset.offset(0.002));
        assertThat(first.get(1).asDouble()).isCloseTo(((Number) gk.get("e")).doubleValue(), org.assertj.core.data.Offset.offset(0.002));

        // A zone of no served county is not offered.
        HttpResponse<byte[]> far = get(item + "?crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4513"));
        assertThat(far.statusCode()).isEqualTo(400);
        assertThat(new String(far.body(), StandardCharsets.UTF_8)).contains("crs");
    }

    private static JsonNode firstVertex(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode f = Http.JSON.readTree(r.body());
        valid("featureGeoJSON", f);
        return f.path("geometry").path("coordinates").get(0).get(0).get(0);
    }

    @Test
    void thePublicSeesListingsOnOfferAndAdministratorsEveryListing() {
        long onOffer = jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE status IN ('listed', 'negotiating')", Long.class);
        long all = jdbc.queryForObject("SELECT count(*) FROM circulation_listing", Long.class);
        assertThat(all).isGreaterThan(onOffer);
        JsonNode anonymous = json("/ogc/collections/circulation_listings/items?limit=1000");
        assertThat(anonymous.path("numberMatched").asLong()).isEqualTo(onOffer);
        anonymous.path("features").forEach(f -> assertThat(f.path("properties").path("status").asString()).isIn("listed", "negotiating"));
        JsonNode admin = json("/ogc/collections/circulation_listings/items?limit=1", "Authorization", "Bearer " + adminToken());
        assertThat(admin.path("numberMatched").asLong()).isEqualTo(all);

        // Staff of one county: the public listings plus every listing of their county.
        String staff = staffToken("150724");
        long staffSees = jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE status IN ('listed', 'negotiating') OR county_code = '150724'", Long.class);
        assertThat(staffSees).isGreaterThan(onOffer).isLessThan(all);
        assertThat(json("/ogc/collections/circulation_listings/items?limit=1", "Authorization", "Bearer " + staff).path("numberMatched").asLong()).isEqualTo(staffSees);
        long otherCounty = jdbc.queryForObject("SELECT min(id) FROM circulation_listing WHERE status NOT IN ('listed', 'negotiating') AND county_code <> '150724'", Long.class);
        assertThat(get("/ogc/collections/circulation_listings/items/" + otherCounty, "Authorization", "Bearer " + staff).statusCode()).isEqualTo(404);

        long hidden = jdbc.queryForObject("SELECT min(id) FROM circulation_listing WHERE status NOT IN ('listed', 'negotiating')", Long.class);
        assertThat(get("/ogc/collections/circulation_listings/items/" + hidden).statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/circulation_listings/items/" + hidden, "Authorization", "Bearer " + adminToken()).statusCode()).isEqualTo(200);
        assertThat(get("/ogc/collections/circulation_listings/items?limit=1").headers().firstValue("Cache-Control").orElse("")).contains("private");

        // Homesteads likewise: the public sees the plots offered for revitalization.
        long offered = jdbc.queryForObject("SELECT count(*) FROM homestead t WHERE "
                + org.landatlas.platform.SqlValues.in("t.revitalization_status", org.landatlas.homestead.RevitalizationStatus.OFFERED), Long.class);
        assertThat(json("/ogc/collections/homesteads/items?limit=1").path("numberMatched").asLong()).isEqualTo(offered);
        assertThat(json("/ogc/collections/homesteads/items?limit=1", "Authorization", "Bearer " + adminToken()).path("numberMatched").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM homestead", Long.class)).isGreaterThan(offered);

        // No collection reads schema personal.
        for (FeatureCollectionSource src : sources) {
            assertThat(src.from() + src.properties()).as(src.id()).doesNotContainIgnoringCase("personal.");
        }
        // Nothing of schema personal: no names, ID numbers or phones in any listing.
        String text = new String(get("/ogc/collections/circulation_listings/items?limit=10000", "Authorization", "Bearer " + adminToken()).body(), StandardCharsets.UTF_8);
        for (String phone : jdbc.queryForList("SELECT phone FROM personal.household_identity WHERE phone IS NOT NULL LIMIT 50", String.class)) {
            assertThat(text).doesNotContain(phone);
        }
    }

    @Test
    void anonymousPagesAreCutToTheAnonymousLimitAndRateLimited() {
        JsonNode anonymous = json("/ogc/collections/parcels/items?limit=5000");
        assertThat(anonymous.path("numberReturned").asInt()).isEqualTo(1000);
        assertThat(linkOf(anonymous, "next")).isNotNull();
        JsonNode admin = json("/ogc/collections/parcels/items?limit=5000", "Authorization", "Bearer " + adminToken());
        assertThat(admin.path("numberReturned").asInt()).isEqualTo(5000);
        RateLimiter.Limit before = limiter.get("other");
        try {
            limiter.set("other", new RateLimiter.Limit(0.01, 3));
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(get("/ogc/collections/parcels/items?limit=1").statusCode());
            }
            assertThat(statuses).contains(429);
            // Signed-in accounts are not limited.
            assertThat(get("/ogc/collections/parcels/items?limit=1", "Authorization", "Bearer " + adminToken()).statusCode()).isEqualTo(200);
        } finally {
            limiter.set("other", before);
        }
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/ogc/collections/parcels/items?bbox=1,2,3", "bbox");
        cases.put("/ogc/collections/parcels/items?bbox=120,50,119,49", "bbox");
        cases.put("/ogc/collections/parcels/items?bbox=a,b,c,d", "bbox");
        cases.put("/ogc/collections/parcels/items?crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/3857"), "crs");
        cases.put("/ogc/collections/parcels/items?bbox=1,2,3,4&bbox-crs=EPSG:9999", "bbox-crs");
        cases.put("/ogc/collections/parcels/items?limit=0", "limit");
        cases.put("/ogc/collections/parcels/items?limit=20000", "limit");
        cases.put("/ogc/collections/parcels/items?limit=ten", "limit");
        cases.put("/ogc/collections/parcels/items?owner_name=x", "owner_name");
        cases.put("/ogc/collections/parcels/items?SJNF=twenty", "SJNF");
        cases.put("/ogc/collections/parcels/items?cursor=!!", "cursor");
        cases.put("/ogc/collections/parcels/items?datetime=yesterday", "datetime");
        cases.put("/ogc/collections/villages/items?datetime=soon/..", "datetime");
        cases.put("/ogc/collections/parcels/items?f=xml", "f");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<byte[]> r = get(c.getKey());
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(c.getKey() + " " + body).isEqualTo(400);
            assertThat(Http.JSON.readTree(body).path("detail").asString()).as(c.getKey()).startsWith(c.getValue() + ":");
        }
        assertThat(get("/ogc/collections/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/nothing/items").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/parcels/items/999999999").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/collections/parcels/items/abc").statusCode()).isEqualTo(404);
        // Filters and datetime that are fine.
        long pbf = jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code = ? AND is_permanent_basic_farmland AND dlbm IN ('0101', '0103')", Long.class, COUNTY);
        assertThat(json("/ogc/collections/parcels/items?limit=1&county_code=" + COUNTY + "&is_permanent_basic_farmland=true&DLBM=0101,0103").path("numberMatched").asLong()).isEqualTo(pbf);
        long since = jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE status IN ('listed', 'negotiating') AND listed_on >= '2024-01-01'", Long.class);
        assertThat(json("/ogc/collections/circulation_listings/items?limit=1&datetime=2024-01-01/..").path("numberMatched").asLong()).isEqualTo(since);
        // A collection without a date takes datetime too (Part 1 asks every items path to), excluding nothing.
        assertThat(json("/ogc/collections/villages/items?limit=1&datetime=2025-01-01").path("numberMatched").asLong())
                .isEqualTo(json("/ogc/collections/villages/items?limit=1").path("numberMatched").asLong());
    }

    @Test
    void htmlPagesAreChineseFirstAndEscaped() {
        HttpResponse<byte[]> r = get("/ogc", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("lang=\"zh-CN\"").contains("要素集");
        for (String p : List.of("/ogc/collections?f=html", "/ogc/collections/parcels?f=html", "/ogc/collections/parcels/items?f=html&limit=5",
                "/ogc/conformance?f=html", "/ogc/api?f=html")) {
            HttpResponse<byte[]> h = get(p);
            assertThat(h.statusCode()).as(p).isEqualTo(200);
            assertThat(new String(h.body(), StandardCharsets.UTF_8)).as(p).contains("<!DOCTYPE html>").doesNotContain("<script");
        }
        String items = new String(get("/ogc/collections/parcels/items?f=html&limit=5").body(), StandardCharsets.UTF_8);
        assertThat(items).contains("下一页").contains("DLBM");
        assertThat(Html.esc("<b a=\"1\">&'")).isEqualTo("&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    @Test
    void gdalsOapifDriverListsTheCollectionsAndCopiesACountyRowForRow() throws Exception {
        String url = "OAPIF:http://127.0.0.1:" + port + "/ogc";
        String info = run(List.of("ogrinfo", "-ro", "-so", url));
        for (String id : List.of("parcels", "townships", "villages", "protection_zones", "high_standard_farmland", "circulation_listings")) {
            assertThat(info).contains(": " + id + " ");
        }
        long n = jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE county_code = ?", Long.class, COUNTY);
        Path out = Files.createTempDirectory("oapif").resolve("parcels.gpkg");
        run(List.of("ogr2ogr", "-f", "GPKG", out.toString(), url, "parcels", "-where", "county_code = '" + COUNTY + "'", "-oo", "PAGE_SIZE=1000"));
        String copied = run(List.of("ogrinfo", "-ro", "-so", "-al", out.toString()));
        assertThat(copied).contains("Feature Count: " + n).contains("DLBM").contains("TBDLMJ");
        // A whole collection, paged by GDAL from the first page to the last.
        long villages = jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE level = 'village'", Long.class);
        String all = run(List.of("ogrinfo", "-ro", "-al", "-so", "-oo", "PAGE_SIZE=100", url, "villages"));
        assertThat(all).contains("Feature Count: " + villages);
        Path v = out.resolveSibling("villages.gpkg");
        run(List.of("ogr2ogr", "-f", "GPKG", v.toString(), url, "villages", "-oo", "PAGE_SIZE=150"));
        assertThat(run(List.of("ogrinfo", "-ro", "-so", "-al", v.toString()))).contains("Feature Count: " + villages);
        // Staff through GDAL: the token in a header (GDAL_HTTP_HEADERS, as the README says) shows every listing.
        long listings = jdbc.queryForObject("SELECT count(*) FROM circulation_listing", Long.class);
        long onOffer = jdbc.queryForObject("SELECT count(*) FROM circulation_listing WHERE status IN ('listed', 'negotiating')", Long.class);
        assertThat(run(List.of("ogrinfo", "-ro", "-so", "-al", url, "circulation_listings"))).contains("Feature Count: " + onOffer);
        assertThat(run(List.of("ogrinfo", "-ro", "-so", "-al", "--config", "GDAL_HTTP_HEADERS", "Authorization: Bearer " + adminToken(), url, "circulation_listings")))
                .contains("Feature Count: " + listings);
    }

    /** Two plots per county, drawn from demo parcels of 150627 and 150724 (DKBM from the parcel's village). */
    private void insertContractPlots() {
        jdbc.update("DELETE FROM contract_plot WHERE dkbm LIKE '%99999'");
        for (String county : List.of("150627", "150724")) {
            jdbc.update("INSERT INTO contract_plot (dkbm, county_code, village_code, dkmc, dklb, fbfbm, cbfbm, scmj_m2, area_m2, geom)"
                    + " SELECT p.village_code || lpad(row_number() OVER (ORDER BY p.id)::text, 2, '0') || '99999', p.county_code, p.village_code, '测试地块', '10',"
                    + " p.village_code || '01', p.village_code || '0100001', round(p.area_m2::numeric, 2), p.area_m2, ST_Multi(p.geom)"
                    + " FROM (SELECT * FROM land_parcel WHERE county_code = ? ORDER BY id LIMIT 2) p", county);
        }
    }

    @Test
    void contractPlotsAreForStaffOfTheirCountyOnlyInEveryResourceAndThroughGdal() throws Exception {
        insertContractPlots();
        try {
            String plots = "/ogc/collections/contract_plots";
            // The public: the collection does not exist, on any path, in the OpenAPI document or for GDAL.
            assertThat(json("/ogc/collections").path("collections").valueStream().map(c -> c.path("id").asString())).doesNotContain("contract_plots");
            for (String p : List.of(plots, plots + "/items", plots + "/items?f=html", plots + "/items/1", plots + "?f=html")) {
                assertThat(get(p).statusCode()).as(p).isEqualTo(404);
            }
            String detail = Http.JSON.readTree(get(plots).body()).path("detail").asString();
            assertThat(detail.substring(detail.indexOf("the collections are"))).contains("parcels").doesNotContain("contract_plots");
            assertThat(json("/ogc/api").path("paths").has("/collections/contract_plots/items")).isFalse();
            assertThat(new String(get("/ogc/api?f=html").body(), StandardCharsets.UTF_8)).doesNotContain("contract_plots");

            // Staff of 150627: listed, in the OpenAPI document, and only their county's plots.
            String staff = staffToken("150627");
            String[] auth = {"Authorization", "Bearer " + staff};
            JsonNode listed = json("/ogc/collections", auth);
            assertThat(listed.path("collections").valueStream().map(c -> c.path("id").asString())).contains("contract_plots");
            JsonNode collection = json(plots, auth);
            valid("collection", collection);
            assertThat(collection.path("storageCrs").asString()).isEqualTo(EPSG4490);
            assertThat(json("/ogc/api", auth).path("paths").has("/collections/contract_plots/items")).isTrue();
            HttpResponse<byte[]> page = get(plots + "/items?limit=100", auth);
            assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("private");
            JsonNode items = Http.JSON.readTree(page.body());
            valid("featureCollectionGeoJSON", items);
            assertThat(items.path("numberMatched").asLong()).isEqualTo(2);
            items.path("features").forEach(f -> {
                assertThat(f.path("properties").path("county_code").asString()).isEqualTo("150627");
                assertThat(f.path("properties").has("DKDZ")).isFalse();
            });
            long own = jdbc.queryForObject("SELECT min(id) FROM contract_plot WHERE county_code = '150627' AND dkbm LIKE '%99999'", Long.class);
            long other = jdbc.queryForObject("SELECT min(id) FROM contract_plot WHERE county_code = '150724' AND dkbm LIKE '%99999'", Long.class);
            assertThat(get(plots + "/items/" + own, auth).statusCode()).isEqualTo(200);
            assertThat(get(plots + "/items/" + other, auth).statusCode()).isEqualTo(404);
            assertThat(get(plots + "/items/" + own).statusCode()).isEqualTo(404);
            // Filtering on the other county finds nothing rather than its rows.
            assertThat(json(plots + "/items?county_code=150724", auth).path("numberMatched").asLong()).isZero();
            // Administrators: every county's plots.
            assertThat(json(plots + "/items?limit=1", "Authorization", "Bearer " + adminToken()).path("numberMatched").asLong())
                    .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM contract_plot", Long.class));

            // GDAL's OAPIF client: not listed without a token; with the staff token listed and copied, the county's rows only.
            String url = "OAPIF:http://127.0.0.1:" + port + "/ogc";
            assertThat(run(List.of("ogrinfo", "-ro", "-so", url))).doesNotContain("contract_plots");
            String header = "Authorization: Bearer " + staff;
            assertThat(run(List.of("ogrinfo", "-ro", "-so", "--config", "GDAL_HTTP_HEADERS", header, url))).contains(": contract_plots ");
            Path out = Files.createTempDirectory("oapif-plots").resolve("plots.gpkg");
            run(List.of("ogr2ogr", "--config", "GDAL_HTTP_HEADERS", header, "-f", "GPKG", out.toString(), url, "contract_plots"));
            assertThat(run(List.of("ogrinfo", "-ro", "-so", "-al", out.toString()))).contains("Feature Count: 2").contains("DKBM").doesNotContain("DKDZ");
        } finally {
            jdbc.update("DELETE FROM contract_plot WHERE dkbm LIKE '%99999'");
        }
    }
}
