package org.landatlas.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #12's gaps on the real PostGIS: a candidate drawn on the map (createPvSite) with its geodesic area and
 * capacity checked by hand and against an independent ST_Area of the geography, every refusal of a bad outline or
 * value naming its field, the permissions, deleting a candidate made by mistake; staff edits of a transformer's grid
 * figures (C1, C2, grade) and of a line's open capacity; the filing order enforced at connection. Sites the API
 * creates are real (not synthetic) and are deleted after each test, so the database keeps holding demo data only.
 */
class PvSiteDrawingAndGridTest extends PvTestBase {

    static final String CREATE = "mutation($i: PvSiteInput!) { createPvSite(input: $i) { id status version countyCode siteKind roofType roofAreaM2 usableAreaM2 "
            + "capacityKw annualHours gridMode ownerType tiltDeg azimuthDeg collectiveInvested village { code } transformer { id } "
            + "estimate { estimatedKwp } work { history { fromStatus toStatus changedBy reason } } } }";
    static final String FIGURES = "mutation($id: ID!, $i: TransformerGridInput!, $v: Int!) { setTransformerGridFigures(id: $id, input: $i, expectedVersion: $v) "
            + "{ id version ratedKva minNoonLoadKw otherGenerationKw storageChargeKw parallelCount pvHostingRatio pvHostingKw c1Kw c2Kw grade upstreamRed "
            + "upstream { id } countyCode } }";
    static final String UPSTREAM = "mutation($id: ID!, $kw: Float!, $on: Date) { setGridUpstreamCapacity(id: $id, openCapacityKw: $kw, publishedOn: $on) "
            + "{ id countyCode kind openCapacityKw publishedOn } }";

    final List<Long> created = new ArrayList<>();

    @AfterEach
    void deleteCreatedSites() {
        for (long id : created) {
            jdbc.update("DELETE FROM pv_site WHERE id = ?", id);
        }
        created.clear();
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    /** A point of a village of the county with room: no PV site within ~300 m, a box of ±0.002° inside the village. */
    record Spot(String village, double lon, double lat) {
    }

    Spot spot(String county) {
        return jdbc.queryForObject("""
                SELECT v.code, ST_X(v.p), ST_Y(v.p) FROM (
                    SELECT code, boundary, ST_PointOnSurface(boundary) AS p FROM admin_unit WHERE county_code = ? AND level = 'village') v
                WHERE ST_CoveredBy(ST_Expand(v.p, 0.002), v.boundary)
                  AND NOT EXISTS (SELECT 1 FROM pv_site s WHERE s.geom && ST_Expand(v.p, 0.003))
                ORDER BY random() LIMIT 1""", (rs, i) -> new Spot(rs.getString(1), rs.getDouble(2), rs.getDouble(3)), county);
    }

    /** A counter-clockwise rectangle of dx × dy degrees with its south-west corner at (lon, lat), as GeoJSON. */
    static Map<String, Object> rect(double lon, double lat, double dx, double dy) {
        return Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(lon, lat), List.of(lon + dx, lat), List.of(lon + dx, lat + dy),
                List.of(lon, lat + dy), List.of(lon, lat))));
    }

    static Map<String, Object> input(Map<String, Object> outline, Object... more) {
        Map<String, Object> in = new HashMap<>();
        in.put("siteKind", "HOMESTEAD_ROOF");
        in.put("outline", outline);
        in.put("usableShare", 0.6);
        in.put("gridMode", "SELF_USE_SURPLUS_EXPORT");
        for (int i = 0; i < more.length; i += 2) {
            in.put((String) more[i], more[i + 1]);
        }
        return in;
    }

    /** createPvSite as the token's account (null: the public); remembers the site for deletion after the test. */
    JsonNode create(String token, Map<String, Object> in) {
        JsonNode r = token == null ? graphql(CREATE, Map.of("i", in)) : graphqlAs(token, CREATE, Map.of("i", in));
        JsonNode site = r.path("data").path("createPvSite");
        if (site.isObject()) {
            created.add(site.path("id").asLong());
        }
        return r;
    }

    static String argument(JsonNode r) {
        return r.path("errors").get(0).path("extensions").path("argument").asString();
    }

    static String code(JsonNode r) {
        return r.path("errors").get(0).path("extensions").path("code").asString();
    }

    int transformerVersion(long t) {
        return jdbc.queryForObject("SELECT version FROM distribution_transformer WHERE id = ?", Integer.class, t);
    }

    static Map<String, Object> figures(int kva, double load, double other, double storage, int parallel, Double ratio, String upstream) {
        Map<String, Object> m = new HashMap<>();
        m.put("ratedKva", kva);
        m.put("minNoonLoadKw", load);
        m.put("otherGenerationKw", other);
        m.put("storageChargeKw", storage);
        m.put("parallelCount", parallel);
        m.put("pvHostingRatio", ratio);
        m.put("upstreamId", upstream);
        return m;
    }

    JsonNode setFigures(String token, long t, Map<String, Object> in, int version) {
        Map<String, Object> vars = Map.of("id", String.valueOf(t), "i", in, "v", version);
        return token == null ? graphql(FIGURES, vars) : graphqlAs(token, FIGURES, vars);
    }

    // ------------------------------------------------------------------------------------------------ createPvSite

    @Test
    void aDrawnRoofBecomesACandidateWithItsGeodesicAreaAndCapacity() {
        Spot p = spot(ZJ);
        double dx = 0.0002, dy = 0.0001;
        JsonNode r = create(staffToken(ZJ), input(rect(p.lon(), p.lat(), dx, dy), "roofType", "CONCRETE_FLAT", "tiltDeg", 20.0, "azimuthDeg", 180.0,
                "collectiveInvested", true));
        ok(r);
        JsonNode s = r.path("data").path("createPvSite");
        long id = s.path("id").asLong();
        // Hand calculation on the GRS80 ellipsoid (CGCS2000): a small lon/lat rectangle is (Δλ·N·cosφ) × (Δφ·M) at its middle latitude.
        double a = 6378137, f = 1 / 298.257222101, e2 = f * (2 - f);
        double phi = Math.toRadians(p.lat() + dy / 2);
        double w = Math.sqrt(1 - e2 * Math.sin(phi) * Math.sin(phi));
        double n = a / w, m = a * (1 - e2) / (w * w * w);
        double hand = Math.toRadians(dx) * n * Math.cos(phi) * Math.toRadians(dy) * m;
        double roof = s.path("roofAreaM2").asDouble();
        assertThat(roof).isCloseTo(hand, within(hand * 1e-4));
        // An independent query of PostGIS's geodesic area agrees; Web Mercator would be ~1/cos²φ too large.
        String wkt = String.format(java.util.Locale.ROOT, "POLYGON((%1$.9f %2$.9f, %3$.9f %2$.9f, %3$.9f %4$.9f, %1$.9f %4$.9f, %1$.9f %2$.9f))",
                p.lon(), p.lat(), p.lon() + dx, p.lat() + dy);
        double geodesic = jdbc.queryForObject("SELECT ST_Area(ST_GeomFromText(?, 4490)::geography)", Double.class, wkt);
        double mercator = jdbc.queryForObject("SELECT ST_Area(ST_Transform(ST_GeomFromText(?, 4490), 3857))", Double.class, wkt);
        assertThat(roof).isCloseTo(geodesic, within(1e-6));
        assertThat(mercator / roof).isGreaterThan(1.2);
        // usable = roof × share; kWp = usable × the county's W/m² / 1000 (pv_site_estimate's rule).
        double watts = jdbc.queryForObject("SELECT watts_per_m2 FROM pv_county_assumption WHERE county_code = ?", Double.class, ZJ);
        double hours = jdbc.queryForObject("SELECT annual_hours FROM pv_county_assumption WHERE county_code = ?", Double.class, ZJ);
        assertThat(s.path("usableAreaM2").asDouble()).isCloseTo(roof * 0.6, within(1e-9));
        assertThat(s.path("capacityKw").asDouble()).isCloseTo(roof * 0.6 * watts / 1000, within(1e-9));
        assertThat(s.path("estimate").path("estimatedKwp").asDouble()).isCloseTo(s.path("capacityKw").asDouble(), within(1e-9));
        assertThat(s.path("annualHours").asDouble()).isEqualTo(hours);
        assertThat(s.path("status").asString()).isEqualTo("CANDIDATE");
        assertThat(s.path("version").asInt()).isZero();
        assertThat(s.path("countyCode").asString()).isEqualTo(ZJ);   // derived from the outline
        assertThat(s.path("village").path("code").asString()).isEqualTo(p.village());
        assertThat(s.path("siteKind").asString()).isEqualTo("HOMESTEAD_ROOF");
        assertThat(s.path("gridMode").asString()).isEqualTo("SELF_USE_SURPLUS_EXPORT");
        assertThat(s.path("ownerType").asString()).isEqualTo("natural_person");
        assertThat(s.path("roofType").asString()).isEqualTo("concrete_flat");
        assertThat(s.path("tiltDeg").asDouble()).isEqualTo(20.0);
        assertThat(s.path("collectiveInvested").asBoolean()).isTrue();
        // The transformer by the county's rule (nearest unless a service area contains the site).
        long nearest = jdbc.queryForObject("""
                SELECT t.id FROM distribution_transformer t, pv_site s WHERE s.id = ? AND t.county_code = s.county_code
                ORDER BY t.geom <-> ST_PointOnSurface(s.geom), t.id LIMIT 1""", Long.class, id);
        String rule = jdbc.queryForObject("SELECT assignment_rule FROM pv_county_assumption WHERE county_code = ?", String.class, ZJ);
        if ("nearest".equals(rule)) {
            assertThat(s.path("transformer").path("id").asLong()).isEqualTo(nearest);
        } else {
            assertThat(s.path("transformer").path("id").asLong()).isPositive();
        }
        // The first history row, the audit, the stored outline.
        JsonNode h = s.path("work").path("history");
        assertThat(h.size()).isEqualTo(1);
        assertThat(h.get(0).path("fromStatus").isNull()).isTrue();
        assertThat(h.get(0).path("toStatus").asString()).isEqualTo("CANDIDATE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'createPvSite' AND target_id = ? AND county_code = ?",
                Integer.class, String.valueOf(id), ZJ)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT ST_HausdorffDistance(geom, ST_GeomFromText(?, 4490)) < 1e-8 AND NOT synthetic FROM pv_site WHERE id = ?", Boolean.class, wkt, id))
                .isTrue();
        // A county given explicitly is used as well; the public sees the new candidate, not its work.
        Spot q = spot(ZJ);
        ok(create(staffToken(ZJ), input(rect(q.lon(), q.lat(), 0.0001, 0.0001), "countyCode", ZJ, "siteKind", "LIVESTOCK_SHED", "gridMode", "FULL_EXPORT",
                "ownerType", "NON_NATURAL_PERSON")));
        JsonNode pub = graphql("query($id: ID!) { pvSite(id: $id) { status work { history { toStatus } } } }", Map.of("id", String.valueOf(id)));
        assertThat(pub.path("data").path("pvSite").path("status").asString()).isEqualTo("CANDIDATE");
        assertThat(pub.path("data").path("pvSite").path("work").isNull()).isTrue();
    }

    @Test
    void badOutlinesAndValuesAreRefusedNamingTheirField() {
        Spot p = spot(ZJ);
        String staff = staffToken(ZJ);
        double x = p.lon(), y = p.lat();
        // Malformed GeoJSON (a ring of two positions), not a polygon, a self-intersecting bow-tie.
        JsonNode r = create(staff, input(Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(x, y), List.of(x + 0.0001, y))))));
        assertThat(code(r)).isEqualTo("BAD_USER_INPUT");
        assertThat(error(r)).contains("GeoJSON");
        r = create(staff, input(Map.of("type", "Point", "coordinates", List.of(x, y))));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("Polygon").contains("Point");
        r = create(staff, input(Map.of("type", "MultiPolygon", "coordinates", List.of(rect(x, y, 0.0001, 0.0001).get("coordinates")))));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("MultiPolygon");
        r = create(staff, input(Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(x, y), List.of(x + 0.0002, y + 0.0002),
                List.of(x + 0.0002, y), List.of(x, y + 0.0002), List.of(x, y))))));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("Self-intersection");
        // Coordinates out of range, and the axes swapped ([lat, lon]).
        r = create(staff, input(rect(x + 200, y, 0.0001, 0.0001)));
        assertThat(code(r)).isEqualTo("BAD_USER_INPUT");
        assertThat(error(r)).contains("not a longitude/latitude");
        r = create(staff, input(Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(y, x), List.of(y, x + 0.0001), List.of(y + 0.0001, x + 0.0001),
                List.of(y + 0.0001, x), List.of(y, x))))));
        assertThat(code(r)).isEqualTo("BAD_USER_INPUT");
        assertThat(error(r)).contains("swapped").contains("[lon, lat]");
        // Outside the county given (a roof in 香格里拉 filed under 庆元), in no county at all.
        Spot yn = spot(YN);
        r = create(staff, input(rect(yn.lon(), yn.lat(), 0.0001, 0.0001), "countyCode", ZJ));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("outside county " + ZJ);
        r = create(staff, input(rect(0.5, 0.5, 0.0001, 0.0001)));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("no county");
        r = create(staff, input(rect(x, y, 0.0001, 0.0001), "countyCode", "3311"));
        assertThat(argument(r)).isEqualTo("input.countyCode");
        // Absurd areas: about 1 m², about 300 m × 330 m.
        r = create(staff, input(rect(x, y, 0.00001, 0.00001)));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("m²").contains("5 to 50000");
        r = create(staff, input(rect(x - 0.0015, y - 0.0015, 0.003, 0.003)));
        assertThat(argument(r)).isEqualTo("input.outline");
        assertThat(error(r)).contains("5 to 50000");
        // Values out of their ranges.
        Map<String, Object> roof = rect(x, y, 0.0002, 0.0001);
        for (Object[] bad : new Object[][] {{"usableShare", 0.0}, {"usableShare", 1.5}, {"tiltDeg", 95.0}, {"azimuthDeg", 360.0}, {"altitudeM", 12000.0},
                {"roofType", "THATCH"}, {"ownerType", "COMPANY"}}) {
            r = create(staff, input(roof, bad[0], bad[1]));
            assertThat(argument(r)).as(bad[0] + " " + bad[1]).isEqualTo("input." + bad[0]);
        }
        // A duplicate: the same roof again, or shifted by a tenth of its width, is refused naming the site it repeats.
        JsonNode first = create(staff, input(roof));
        ok(first);
        String firstId = first.path("data").path("createPvSite").path("id").asString();
        for (Map<String, Object> again : List.of(roof, rect(x + 0.00002, y, 0.0002, 0.0001))) {
            r = create(staff, input(again));
            assertThat(argument(r)).isEqualTo("input.outline");
            assertThat(error(r)).contains("duplicate").contains("site " + firstId);
        }
        // A neighbouring roof touching it is no duplicate.
        ok(create(staff, input(rect(x + 0.0002, y, 0.0002, 0.0001))));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pv_site WHERE id = ANY(?)", Integer.class, (Object) created.toArray(Long[]::new)))
                .isEqualTo(2);
    }

    @Test
    void onlyStaffOfTheCountyCreateAndACandidateMadeByMistakeIsDeleted() {
        Spot p = spot(ZJ);
        Map<String, Object> roof = rect(p.lon(), p.lat(), 0.0002, 0.0001);
        assertThat(code(create(null, input(roof)))).isEqualTo("FORBIDDEN");
        JsonNode other = create(staffToken(MX), input(roof));
        assertThat(code(other)).isEqualTo("FORBIDDEN");
        assertThat(argument(other)).isEqualTo("input.countyCode");
        assertThat(code(create(staffToken(MX), input(roof, "countyCode", ZJ)))).isEqualTo("FORBIDDEN");
        assertThat(created).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pv_site WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 4490)", Integer.class,
                p.lon(), p.lat(), p.lon() + 0.0002, p.lat() + 0.0001)).isZero();
        // Delete: the public and other counties are refused, a stale version too; then it goes, audited.
        JsonNode c = create(staffToken(ZJ), input(roof));
        ok(c);
        long id = c.path("data").path("createPvSite").path("id").asLong();
        String delete = "mutation($id: ID!, $v: Int!) { deletePvSite(id: $id, expectedVersion: $v) }";
        assertThat(code(graphql(delete, Map.of("id", String.valueOf(id), "v", 0)))).isEqualTo("FORBIDDEN");
        assertThat(code(graphqlAs(staffToken(MX), delete, Map.of("id", String.valueOf(id), "v", 0)))).isEqualTo("FORBIDDEN");
        assertThat(error(graphqlAs(staffToken(ZJ), delete, Map.of("id", String.valueOf(id), "v", 3)))).contains("changed meanwhile");
        JsonNode d = graphqlAs(staffToken(ZJ), delete, Map.of("id", String.valueOf(id), "v", 0));
        ok(d);
        assertThat(d.path("data").path("deletePvSite").asString()).isEqualTo(String.valueOf(id));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pv_site WHERE id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'deletePvSite' AND target_id = ? AND before IS NOT NULL",
                Integer.class, String.valueOf(id))).isEqualTo(1);
        // A site with work on it is not deleted: it is rejected with a reason.
        c = create(staffToken(ZJ), input(roof));
        ok(c);
        long s = c.path("data").path("createPvSite").path("id").asLong();
        ok(graphqlAs(staffToken(ZJ), "mutation($id: ID!, $v: Int!) { surveyPvSite(id: $id, input: {usableShare: 0.5}, expectedVersion: $v) { id } }",
                Map.of("id", String.valueOf(s), "v", version(s))));
        JsonNode refused = graphqlAs(staffToken(ZJ), delete, Map.of("id", String.valueOf(s), "v", version(s)));
        assertThat(argument(refused)).isEqualTo("id");
        assertThat(error(refused)).contains("SURVEYED").contains("REJECTED");
    }

    // ------------------------------------------------------------------------------------------------ grid figures

    @Test
    void gridFiguresEditedByStaffChangeHostingC1C2AndGrade() {
        // DL/T 2041 (鄂温克): (P − P_G + P_storage + β·S·cosθ)/τ.
        long t = transformer(MD, 400, 30, 5, 1, null);
        site(t, "connected", 100, "full_export");
        site(t, "filed", 50, "full_export");
        String staff = staffToken(MD);
        JsonNode r = setFigures(staff, t, figures(400, 50, 5, 10, 1, null, null), transformerVersion(t));
        ok(r);
        JsonNode x = r.path("data").path("setTransformerGridFigures");
        double hosting = 50 - 5 + 10 + 0.8 * 400 * 0.95;      // 359
        assertThat(x.path("pvHostingKw").asDouble()).isCloseTo(hosting, within(1e-9));
        assertThat(x.path("c1Kw").asDouble()).isCloseTo(hosting - 100, within(1e-9));
        assertThat(x.path("c2Kw").asDouble()).isCloseTo(hosting - 150, within(1e-9));
        assertThat(x.path("grade").asString()).isEqualTo("GREEN");
        assertThat(x.path("version").asInt()).isEqualTo(1);
        assertThat(x.path("countyCode").asString()).isEqualTo(MD);
        // Two in parallel, a smaller transformer: (0 − 0 + 0 + 1/2 × 1.0 × 160 × 0.95) = 76 < 100 connected → RED, accepted (the figures are facts).
        r = setFigures(staff, t, figures(160, 0, 0, 0, 2, null, null), 1);
        ok(r);
        x = r.path("data").path("setTransformerGridFigures");
        assertThat(x.path("pvHostingKw").asDouble()).isCloseTo(76, within(1e-9));
        assertThat(x.path("c1Kw").asDouble()).isCloseTo(-24, within(1e-9));
        assertThat(x.path("grade").asString()).isEqualTo("RED");
        // Between: C2 ≤ 0 < C1 → YELLOW.
        r = setFigures(staff, t, figures(160, 40, 0, 0, 2, null, null), 2);   // 116: C1 16, C2 −34
        ok(r);
        assertThat(r.path("data").path("setTransformerGridFigures").path("grade").asString()).isEqualTo("YELLOW");
        // The share rule (庆元): the override and clearing it (null → the county's 25 %).
        long z = transformer(ZJ, 400, 0, 0, 1, null);
        String zs = staffToken(ZJ);
        r = setFigures(zs, z, figures(400, 0, 0, 0, 1, 0.3, null), transformerVersion(z));
        ok(r);
        assertThat(r.path("data").path("setTransformerGridFigures").path("pvHostingKw").asDouble()).isCloseTo(120, within(1e-9));
        assertThat(r.path("data").path("setTransformerGridFigures").path("pvHostingRatio").asDouble()).isCloseTo(0.3, within(1e-9));
        r = setFigures(zs, z, figures(400, 0, 0, 0, 1, null, null), transformerVersion(z));
        ok(r);
        assertThat(r.path("data").path("setTransformerGridFigures").path("pvHostingKw").asDouble()).isCloseTo(100, within(1e-9));
        assertThat(r.path("data").path("setTransformerGridFigures").path("pvHostingRatio").isNull()).isTrue();
        // The CHECK ranges as errors naming the field; a stale version; the public; another county's staff.
        int v = transformerVersion(t);
        Map<String, Map<String, Object>> bad = Map.of("input.ratedKva", figures(0, 0, 0, 0, 1, null, null),
                "input.minNoonLoadKw", figures(160, -1, 0, 0, 1, null, null), "input.otherGenerationKw", figures(160, 0, -5, 0, 1, null, null),
                "input.storageChargeKw", figures(160, 0, 0, -0.5, 1, null, null), "input.parallelCount", figures(160, 0, 0, 0, 9, null, null),
                "input.pvHostingRatio", figures(160, 0, 0, 0, 1, 1.5, null), "input.upstreamId", figures(160, 0, 0, 0, 1, null, "999999999"));
        for (Map.Entry<String, Map<String, Object>> b : bad.entrySet()) {
            assertThat(argument(setFigures(staff, t, b.getValue(), v))).as(b.getKey()).isEqualTo(b.getKey());
        }
        long zjLine = jdbc.queryForObject("INSERT INTO grid_upstream (county_code, kind, name, open_capacity_kw, synthetic) VALUES (?, 'line_10kv', '测试线', 500, true) RETURNING id",
                Long.class, ZJ);
        assertThat(error(setFigures(staff, t, figures(160, 0, 0, 0, 1, null, String.valueOf(zjLine)), v))).contains("county " + ZJ);
        assertThat(error(setFigures(staff, t, figures(160, 0, 0, 0, 1, null, null), v - 1))).contains("changed meanwhile");
        assertThat(code(setFigures(null, t, figures(160, 0, 0, 0, 1, null, null), v))).isEqualTo("FORBIDDEN");
        assertThat(code(setFigures(zs, t, figures(160, 0, 0, 0, 1, null, null), v))).isEqualTo("FORBIDDEN");
        assertThat(transformerVersion(t)).isEqualTo(v);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'setTransformerGridFigures' AND target_id = ? AND outcome = 'ok'",
                Integer.class, String.valueOf(t))).isEqualTo(3);
    }

    @Test
    void anUpstreamWithoutOpenCapacityTurnsItsTransformersRed() {
        long main = jdbc.queryForObject("INSERT INTO grid_upstream (county_code, kind, name, open_capacity_kw, synthetic) VALUES (?, 'main_transformer', '测试主变', 800, true) RETURNING id",
                Long.class, ZJ);
        long line = jdbc.queryForObject("INSERT INTO grid_upstream (county_code, kind, name, parent_id, open_capacity_kw, synthetic) VALUES (?, 'line_10kv', '测试线', ?, 500, true) RETURNING id",
                Long.class, ZJ, main);
        long t = transformer(ZJ, 400, 0, 0, 1, null);
        String staff = staffToken(ZJ);
        // The line is set through the transformer's figures.
        ok(setFigures(staff, t, figures(400, 0, 0, 0, 1, null, String.valueOf(line)), transformerVersion(t)));
        assertThat(load(t).get("grade")).isEqualTo("green");
        long s = site(t, "built", 2, "full_export");
        // The main transformer published without open capacity: everything below is red, connections are refused.
        JsonNode r = graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(main), "kw", 0.0, "on", "2026-01-15"));
        ok(r);
        assertThat(r.path("data").path("setGridUpstreamCapacity").path("openCapacityKw").asDouble()).isZero();
        assertThat(r.path("data").path("setGridUpstreamCapacity").path("publishedOn").asString()).isEqualTo("2026-01-15");
        assertThat(load(t).get("grade")).isEqualTo("red");
        assertThat(load(t).get("upstream_red")).isEqualTo(true);
        assertThat(error(status(ZJ, s, "CONNECTED", null, null))).contains("red");
        ok(graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(main), "kw", 300.0)));
        assertThat(load(t).get("grade")).isEqualTo("green");
        // The line itself at −20 kW (overbooked): red too.
        ok(graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(line), "kw", -20.0)));
        JsonNode tr = graphqlAs(adminToken(), "{ distributionTransformers(adminCode: \"" + ZJ + "\", withOpenCapacityKw: -1000000, first: 1000) "
                + "{ edges { node { id grade upstreamRed upstream { openCapacityKw parent { openCapacityKw publishedOn } } } } } }");
        ok(tr);
        JsonNode mine = null;
        for (JsonNode e : tr.path("data").path("distributionTransformers").path("edges")) {
            if (e.path("node").path("id").asLong() == t) {
                mine = e.path("node");
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("grade").asString()).isEqualTo("RED");
        assertThat(mine.path("upstreamRed").asBoolean()).isTrue();
        assertThat(mine.path("upstream").path("openCapacityKw").asDouble()).isEqualTo(-20.0);
        assertThat(mine.path("upstream").path("parent").path("publishedOn").asString()).isEqualTo("2026-01-15");
        ok(graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(line), "kw", 500.0)));
        ok(status(ZJ, s, "CONNECTED", null, null));
        // Refusals: a future date, not a number, the public, another county's staff, no such line.
        assertThat(argument(graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(line), "kw", 1.0, "on", java.time.LocalDate.now().plusDays(2).toString()))))
                .isEqualTo("publishedOn");
        assertThat(code(graphql(UPSTREAM, Map.of("id", String.valueOf(line), "kw", 1.0)))).isEqualTo("FORBIDDEN");
        assertThat(code(graphqlAs(staffToken(MX), UPSTREAM, Map.of("id", String.valueOf(line), "kw", 1.0)))).isEqualTo("FORBIDDEN");
        assertThat(code(graphqlAs(staff, UPSTREAM, Map.of("id", "999999999", "kw", 1.0)))).isEqualTo("NOT_FOUND");
        assertThat(jdbc.queryForObject("SELECT open_capacity_kw FROM grid_upstream WHERE id = ?", Double.class, line)).isEqualTo(500.0);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'setGridUpstreamCapacity' AND target_id IN (?, ?) AND outcome = 'ok'",
                Integer.class, String.valueOf(main), String.valueOf(line))).isEqualTo(4);
    }

    /** The grade the transformers tile gives transformer {@code t} (z15), once it differs from {@code before} or after 5 s. */
    String tileGrade(long t, String before) throws Exception {
        Map<String, Object> at = jdbc.queryForMap("SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM distribution_transformer WHERE id = ?", t);
        double lon = ((Number) at.get("x")).doubleValue(), lat = ((Number) at.get("y")).doubleValue();
        int n = 1 << 15;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        String grade = null;
        // The change notification reaches the tile cache asynchronously: a changed tile must show up within seconds.
        for (int i = 0; i < 50 && (grade == null || grade.equals(before)); i++) {
            if (i > 0) {
                Thread.sleep(100);
            }
            var res = org.landatlas.testing.Http.get(port, "/tiles/transformers/15/" + x + "/" + y + ".mvt");
            assertThat(res.statusCode()).isEqualTo(200);
            grade = org.landatlas.testing.VectorTiles.decode(res.body(), "transformers").getGeometries().stream()
                    .filter(g -> ((Map<?, ?>) g.getUserData()).get("fid") != null && ((Number) ((Map<?, ?>) g.getUserData()).get("fid")).longValue() == t)
                    .map(g -> String.valueOf(((Map<?, ?>) g.getUserData()).get("grade"))).findFirst().orElse(null);
        }
        return grade;
    }

    @Test
    void theTransformerTilesAreDrawnAnewAfterGridEdits() throws Exception {
        long main = jdbc.queryForObject("INSERT INTO grid_upstream (county_code, kind, name, open_capacity_kw, synthetic) VALUES (?, 'main_transformer', '测试主变', 800, true) RETURNING id",
                Long.class, ZJ);
        long t = transformer(ZJ, 400, 0, 0, 1, null);
        jdbc.update("UPDATE grid_upstream SET parent_id = NULL WHERE id = ?", main);
        String staff = staffToken(ZJ);
        ok(setFigures(staff, t, figures(400, 0, 0, 0, 1, null, String.valueOf(jdbc.queryForObject(
                "INSERT INTO grid_upstream (county_code, kind, name, parent_id, open_capacity_kw, synthetic) VALUES (?, 'line_10kv', '测试线', ?, 500, true) RETURNING id",
                Long.class, ZJ, main))), transformerVersion(t)));
        assertThat(tileGrade(t, null)).isEqualTo("green");
        // The main transformer two levels up without open capacity: the cached tile is dropped and the transformer drawn red.
        ok(graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(main), "kw", -1.0)));
        assertThat(tileGrade(t, "green")).isEqualTo("red");
        ok(graphqlAs(staff, UPSTREAM, Map.of("id", String.valueOf(main), "kw", 100.0)));
        assertThat(tileGrade(t, "red")).isEqualTo("green");
        // Its own figures: 4 kVA hosts 1 kW under the 2 kW connected → red.
        site(t, "connected", 2, "full_export");
        assertThat(tileGrade(t, null)).isEqualTo("green");
        ok(setFigures(staff, t, figures(4, 0, 0, 0, 1, null, null), transformerVersion(t)));
        assertThat(tileGrade(t, "green")).isEqualTo("red");
        // Back to 400 kVA: the demo's consistency check (no transformer above its hosting capacity) holds after the test.
        ok(setFigures(staff, t, figures(400, 0, 0, 0, 1, null, null), transformerVersion(t)));
    }

    // ------------------------------------------------------------------------------------------------ the queue at connection

    @Test
    void aLaterFilingCannotJumpAnEarlierOneThatDoesNotFitUntilThatOneIsRejected() {
        long t = transformer(ZJ, 40, 0, 0, 1, null);          // hosts 10 kW
        site(t, "connected", 4, "full_export");
        long early = site(t, "built", 7, "full_export");      // 4 + 7 = 11 > 10: waits, queue position 1
        long late = site(t, "built", 3, "full_export");       // 4 + 3 alone would fit, but 4 + 7 + 3 = 14: position 2
        String msg = error(status(ZJ, late, "CONNECTED", null, null));
        assertThat(msg).contains("filing order").contains("number 2 in the queue").contains("7.00 kW not yet connected").contains("10.00 kW it hosts");
        assertThat(jdbc.queryForObject("SELECT status FROM pv_site WHERE id = ?", String.class, late)).isEqualTo("built");
        assertThat(error(status(ZJ, early, "CONNECTED", null, null))).contains("6.00 kW free");
        // Once the earlier filing is rejected, the later one is within capacity in filing order and is connected.
        ok(status(ZJ, early, "REJECTED", "屋顶荷载不足", null));
        assertThat(site(adminToken(), late).path("withinCapacity").asBoolean()).isTrue();
        ok(status(ZJ, late, "CONNECTED", null, null));
        assertThat((double) load(t).get("connected_pv_kw")).isCloseTo(7, within(1e-9));
        // Earlier filings within capacity do not hold a later one back.
        long t2 = transformer(ZJ, 40, 0, 0, 1, null);
        long first = site(t2, "filed", 3, "full_export");
        long second = site(t2, "built", 4, "full_export");
        ok(status(ZJ, second, "CONNECTED", null, null));
        assertThat(site(adminToken(), first).path("withinCapacity").asBoolean()).isTrue();
    }
}
