package org.landatlas.solar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * (Fixture rows are marked synthetic like the demo's: the test database holds only demo data, DemoDataTest checks.)
 * The PV workflow on the real PostGIS: estimates against hand calculations per grid mode and county, hosting-capacity
 * rules, grading, the filing-order queue, the connection guard (also two officers at once), every transition legal
 * and illegal, consent and its masking, the queries of candidates with room, potential and grid indicators.
 */
class PvWorkflowTest extends PvTestBase {

    // ------------------------------------------------------------------------------------------------ estimates

    @Test
    void estimatesMatchHandCalculationsPerGridModeAndCounty() {
        // county → {hours, benchmark, retail, self-use share}: the demo's assumptions (SolarDemoData, domain reference §4.2).
        Map<String, double[]> counties = Map.of(ZJ, new double[] {1050, 0.4153, 0.538, 0.3}, YN, new double[] {1400, 0.3358, 0.45, 0.3},
                MD, new double[] {1350, 0.3035, 0.43, 0.3}, MX, new double[] {1600, 0.2829, 0.43, 0.3});
        for (Map.Entry<String, double[]> c : counties.entrySet()) {
            double[] a = c.getValue();
            long t = transformer(c.getKey(), 400, 0, 0, 1, null);
            for (String mode : List.of("full_export", "self_use_surplus_export", "full_self_use")) {
                long s = site(t, "candidate", 9.0, mode);
                JsonNode e = site(adminToken(), s).path("estimate");
                double price = switch (mode) {
                    case "full_export" -> a[1];
                    case "self_use_surplus_export" -> a[3] * a[2] + (1 - a[3]) * a[1];
                    default -> a[2];
                };
                String as = c.getKey() + " " + mode;
                assertThat(e.path("estimatedKwp").asDouble()).as(as).isCloseTo(9.0, within(1e-6));   // usable 60 m² × 150 W/m²
                assertThat(e.path("annualHours").asDouble()).as(as).isCloseTo(a[0], within(1e-6));
                assertThat(e.path("annualKwh").asDouble()).as(as).isCloseTo(9.0 * a[0], within(1e-6));
                assertThat(e.path("yuanPerKwh").asDouble()).as(as).isCloseTo(price, within(1e-9));
                assertThat(e.path("annualIncomeYuan").asDouble()).as(as).isCloseTo(9.0 * a[0] * price, within(1e-6));
                assertThat(e.path("investmentYuan").asDouble()).as(as).isCloseTo(9.0 * 3500, within(1e-6));
                assertThat(e.path("paybackYears").asDouble()).as(as).isCloseTo(9.0 * 3500 / (9.0 * a[0] * price), within(1e-9));
                assertThat(e.path("collectiveIncomeYuan").asDouble()).as(as).isZero();
            }
        }
        // Zhejiang full export by hand: 9 kW × 1050 h = 9450 kWh × 0.4153 = 3924.585 元.
        long t = transformer(ZJ, 400, 0, 0, 1, null);
        long s = site(t, "candidate", 9.0, "full_export");
        assertThat(site(adminToken(), s).path("estimate").path("annualIncomeYuan").asDouble()).isCloseTo(3924.585, within(1e-6));
        // A collective-invested site in 庆元: 40 % of the income to the collective.
        jdbc.update("UPDATE pv_site SET collective_invested = true WHERE id = ?", s);
        JsonNode e = site(adminToken(), s).path("estimate");
        assertThat(e.path("collectiveIncomeYuan").asDouble()).isCloseTo(3924.585 * 0.4, within(1e-6));
        assertThat(e.path("householdIncomeYuan").asDouble()).isCloseTo(3924.585 * 0.6, within(1e-6));
        // Shangri-La at 3,800 m: +5 % per 1000 m above 3,300 m → 1400 × 1.025 = 1435 h.
        long y = site(transformer(YN, 400, 0, 0, 1, null), "candidate", 9.0, "full_export");
        jdbc.update("UPDATE pv_site SET altitude_m = 3800 WHERE id = ?", y);
        assertThat(site(adminToken(), y).path("estimate").path("annualHours").asDouble()).isCloseTo(1435.0, within(1e-6));
        // 蒙西's benchmark is configured, not published, and says so.
        JsonNode mx = site(adminToken(), site(transformer(MX, 400, 0, 0, 1, null), "candidate", 9.0, "full_export")).path("assumptions");
        assertThat(mx.path("benchmarkVerified").asBoolean()).isFalse();
        assertThat(mx.path("gridRegion").asString()).isEqualTo("蒙西");
    }

    @Test
    void assumptionsAreConfigurablePerCountyAndAudited() {
        JsonNode a = graphqlAs(adminToken(), "{ pvAssumptions(countyCode: \"" + MX + "\") { version benchmarkPrice } }").path("data").path("pvAssumptions");
        int v = a.path("version").asInt();
        JsonNode r = graphqlAs(staffToken(MX), "mutation($v: Int) { setPvAssumptions(countyCode: \"" + MX + "\", input: {benchmarkPrice: 0.3, benchmarkVerified: false,"
                + " source: \"测试 configured\"}, expectedVersion: $v) { benchmarkPrice version source } }", Map.of("v", v));
        try {
            ok(r);
            assertThat(r.path("data").path("setPvAssumptions").path("benchmarkPrice").asDouble()).isEqualTo(0.3);
            long s = site(transformer(MX, 400, 0, 0, 1, null), "candidate", 9.0, "full_export");
            assertThat(site(adminToken(), s).path("estimate").path("annualIncomeYuan").asDouble()).isCloseTo(9.0 * 1600 * 0.3, within(1e-6));
        } catch (AssertionError e) {
            jdbc.update("UPDATE pv_county_assumption SET benchmark_price = 0.2829 WHERE county_code = ?", MX);
            throw e;
        }
        // A stale version is refused naming the argument; another county's staff are refused.
        assertThat(error(graphqlAs(staffToken(MX), "mutation { setPvAssumptions(countyCode: \"" + MX + "\", input: {benchmarkPrice: 0.31}, expectedVersion: "
                + v + ") { version } }"))).contains("version");
        assertThat(graphqlAs(staffToken(ZJ), "mutation { setPvAssumptions(countyCode: \"" + MX + "\", input: {benchmarkPrice: 0.31}, expectedVersion: "
                + (v + 1) + ") { version } }").path("errors").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(error(graphqlAs(staffToken(MX), "mutation { setPvAssumptions(countyCode: \"" + MX + "\", input: {selfUseShare: 1.5}, expectedVersion: "
                + (v + 1) + ") { version } }"))).contains("1.5");
        ok(graphqlAs(staffToken(MX), "mutation { setPvAssumptions(countyCode: \"" + MX + "\", input: {benchmarkPrice: 0.2829}, expectedVersion: "
                + (v + 1) + ") { version } }"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'setPvAssumptions' AND county_code = ?", Integer.class, MX))
                .isGreaterThanOrEqualTo(2);
    }

    // ------------------------------------------------------------------------------------------------ hosting capacity

    @Test
    void hostingCapacityFollowsTheCountysRule() {
        // Share rule (庆元): 400 kVA × 25 %; a transformer's own ratio overrides.
        assertThat((double) load(transformer(ZJ, 400, 30, 5, 1, null)).get("pv_hosting_kw")).isCloseTo(100.0, within(1e-9));
        assertThat((double) load(transformer(ZJ, 400, 30, 5, 1, 0.3)).get("pv_hosting_kw")).isCloseTo(120.0, within(1e-9));
        // DL/T 2041 (鄂温克): (P − P_G + β·S·cosθ)/τ = (30 − 5 + 0.8 × 400 × 0.95) / 1 = 329; two in parallel: β = 1/2 × 1.0 → 25 + 190 = 215.
        assertThat((double) load(transformer(MD, 400, 30, 5, 1, null)).get("pv_hosting_kw")).isCloseTo(329.0, within(1e-9));
        assertThat((double) load(transformer(MD, 400, 30, 5, 2, null)).get("pv_hosting_kw")).isCloseTo(215.0, within(1e-9));
        assertThat(load(transformer(MD, 400, 30, 5, 1, null)).get("hosting_rule")).isEqualTo("dlt2041");
        // Switching a county's rule (and its parameters) through the API changes its transformers at once.
        long t = transformer(ZJ, 400, 30, 5, 1, null);
        int v = jdbc.queryForObject("SELECT version FROM pv_county_assumption WHERE county_code = ?", Integer.class, ZJ);
        ok(graphqlAs(staffToken(ZJ), "mutation { setPvAssumptions(countyCode: \"" + ZJ + "\", input: {hostingRule: DLT2041, dltTau: 0.9}, expectedVersion: "
                + v + ") { hostingRule } }"));
        try {
            assertThat((double) load(t).get("pv_hosting_kw")).isCloseTo((30 - 5 + 0.8 * 400 * 0.95) / 0.9, within(1e-9));
        } finally {
            ok(graphqlAs(staffToken(ZJ), "mutation { setPvAssumptions(countyCode: \"" + ZJ + "\", input: {hostingRule: SHARE, dltTau: 1.0}, expectedVersion: "
                    + (v + 1) + ") { hostingRule } }"));
        }
        assertThat((double) load(t).get("pv_hosting_kw")).isCloseTo(100.0, within(1e-9));
    }

    @Test
    void gradesGreenYellowRedAndARedLineAboveMakesItRed() {
        long t = transformer(ZJ, 40, 0, 0, 1, null);          // hosts 10 kW
        site(t, "connected", 4, "full_export");
        site(t, "filed", 5, "full_export");
        Map<String, Object> l = load(t);
        assertThat((double) l.get("c1_kw")).isCloseTo(6, within(1e-9));
        assertThat((double) l.get("c2_kw")).isCloseTo(1, within(1e-9));
        assertThat(l.get("grade")).isEqualTo("green");
        site(t, "built", 2, "full_export");
        assertThat(load(t).get("grade")).isEqualTo("yellow");
        site(t, "connected", 6, "full_export");
        assertThat(load(t).get("grade")).isEqualTo("red");
        long g = transformer(ZJ, 40, 0, 0, 1, null);
        assertThat(load(g).get("grade")).isEqualTo("green");
        long main = jdbc.queryForObject("INSERT INTO grid_upstream (county_code, kind, name, open_capacity_kw, synthetic) VALUES (?, 'main_transformer', '测试主变', 0, true) RETURNING id",
                Long.class, ZJ);
        long line = jdbc.queryForObject("INSERT INTO grid_upstream (county_code, kind, name, parent_id, open_capacity_kw, synthetic) VALUES (?, 'line_10kv', '测试线', ?, 500, true) RETURNING id",
                Long.class, ZJ, main);
        jdbc.update("UPDATE distribution_transformer SET upstream_id = ? WHERE id = ?", line, g);
        assertThat(load(g).get("grade")).isEqualTo("red");
        assertThat(load(g).get("upstream_red")).isEqualTo(true);
        // Connecting under a red grid is refused.
        long s = site(g, "built", 1, "full_export");
        assertThat(error(status(ZJ, s, "CONNECTED", null, null))).contains("red");
        jdbc.update("UPDATE grid_upstream SET open_capacity_kw = 100 WHERE id = ?", main);
        assertThat(load(g).get("grade")).isEqualTo("green");
    }

    @Test
    void filingsQueueByFilingOrderAndThePositionIsVisible() {
        long t = transformer(ZJ, 40, 0, 0, 1, null);          // hosts 10 kW
        site(t, "connected", 4, "full_export");
        long a = site(t, "filed", 3, "full_export");
        long b = site(t, "built", 3, "full_export");
        long c = site(t, "filed", 3, "full_export");
        long d = site(t, "filed", 1, "full_export");
        JsonNode q = graphqlAs(adminToken(), "{ distributionTransformers(adminCode: \"" + ZJ + "\", first: 1000) { edges { node { id grade c2Kw "
                + "queue { id filingRank queuePosition withinCapacity } } } } }").path("data").path("distributionTransformers").path("edges");
        JsonNode mine = null;
        for (JsonNode e : q) {
            if (e.path("node").path("id").asLong() == t) {
                mine = e.path("node");
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("grade").asString()).isEqualTo("YELLOW");
        List<Long> order = new ArrayList<>();
        mine.path("queue").forEach(n -> order.add(n.path("id").asLong()));
        assertThat(order).containsExactly(a, b, c, d);
        // 4 + 3 + 3 = 10 fits; c (13) and d (14) wait, in filing order.
        assertThat(mine.path("queue").get(1).path("withinCapacity").asBoolean()).isTrue();
        assertThat(mine.path("queue").get(1).path("queuePosition").isNull()).isTrue();
        assertThat(mine.path("queue").get(2).path("queuePosition").asInt()).isEqualTo(1);
        assertThat(mine.path("queue").get(3).path("queuePosition").asInt()).isEqualTo(2);
        assertThat(site(adminToken(), c).path("queuePosition").asInt()).isEqualTo(1);
        assertThat(site(adminToken(), c).path("filingRank").asInt()).isEqualTo(3);
        // Candidates with room: a 1 kW candidate on a green transformer is listed, one on this yellow transformer is not.
        long g = transformer(ZJ, 400, 0, 0, 1, null);
        long roomy = site(g, "candidate", 8.5, "full_export");
        long full = site(t, "candidate", 8.5, "full_export");
        JsonNode cands = graphqlAs(adminToken(), "{ pvSites(filter: {adminCode: \"" + ZJ + "\", statuses: [CANDIDATE, SURVEYED], capacityKw: {min: 8}, "
                + "transformerHasRoom: true}, first: 1000) { edges { node { id } } } }");
        ok(cands);
        List<Long> ids = new ArrayList<>();
        cands.path("data").path("pvSites").path("edges").forEach(e -> ids.add(e.path("node").path("id").asLong()));
        assertThat(ids).contains(roomy).doesNotContain(full);
    }

    // ------------------------------------------------------------------------------------------------ the guard

    @Test
    void aSiteIsNeverConnectedBeyondHostingCapacity() {
        long t = transformer(ZJ, 40, 0, 0, 1, null);          // hosts 10 kW
        site(t, "connected", 4, "full_export");
        long big = site(t, "built", 7, "full_export");
        int v = version(big);
        assertThat(error(status(ZJ, big, "CONNECTED", null, null))).contains("cannot be connected").contains("6.00 kW free");
        assertThat(jdbc.queryForObject("SELECT status FROM pv_site WHERE id = ?", String.class, big)).isEqualTo("built");
        assertThat(version(big)).isEqualTo(v);
        // A later 6 kW filing would fit alone, but the earlier 7 kW one waits ahead of it (filing order): only once that is rejected.
        long fits = site(t, "built", 6, "full_export");
        assertThat(error(status(ZJ, fits, "CONNECTED", null, null))).contains("filing order");
        ok(status(ZJ, big, "REJECTED", "超出承载力", null));
        ok(status(ZJ, fits, "CONNECTED", null, null));
        assertThat((double) load(t).get("c1_kw")).isCloseTo(0, within(1e-9));
    }

    @Test
    void twoOfficersConnectingAgainstTheLastFreeKwAtOnceOneWins() throws Exception {
        for (int round = 0; round < 3; round++) {
            long t = transformer(ZJ, 40, 0, 0, 1, null);      // hosts 10 kW
            long a = site(t, "built", 6, "full_export");
            long b = site(t, "built", 6, "full_export");
            String token = staffToken(ZJ);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> calls = new ArrayList<>();
            for (long s : List.of(a, b)) {
                int v = version(s);
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return graphqlAs(token, STATUS, Map.of("id", String.valueOf(s), "s", "CONNECTED", "v", v));
                }));
            }
            go.countDown();
            int wins = 0;
            for (CompletableFuture<JsonNode> f : calls) {
                JsonNode r = f.get(60, TimeUnit.SECONDS);
                if (r.path("errors").isMissingNode()) {
                    wins++;
                } else {
                    assertThat(error(r)).contains("cannot be connected");
                }
            }
            assertThat(wins).as("round " + round).isEqualTo(1);
            assertThat((double) load(t).get("connected_pv_kw")).isCloseTo(6, within(1e-9));
        }
    }

    // ------------------------------------------------------------------------------------------------ the workflow

    @Test
    void everyTransitionLegalAndIllegal() {
        long t = transformer(ZJ, 400, 0, 0, 1, null);
        long s = site(t, "candidate", 5, "full_export");
        jdbc.update("UPDATE pv_site SET transformer_id = NULL WHERE id = ?", s);
        String staff = staffToken(ZJ);
        // From CANDIDATE only surveyPvSite or REJECTED.
        for (String to : List.of("FILED", "BUILT", "CONNECTED")) {
            assertThat(error(status(ZJ, s, to, null, "X1"))).contains("cannot go from CANDIDATE to " + to);
        }
        assertThat(error(status(ZJ, s, "SURVEYED", null, null))).contains("surveyPvSite");
        assertThat(error(status(ZJ, s, "CANDIDATE", null, null))).contains("already");
        // The survey: usable share → capacity by the county's W/m², transformer assigned (nearest).
        JsonNode r = graphqlAs(staff, "mutation($id: ID!, $v: Int!) { surveyPvSite(id: $id, input: {usableShare: 0.5, tiltDeg: 25, azimuthDeg: 180, "
                + "roofType: \"TILE\"}, expectedVersion: $v) { status capacityKw tiltDeg transformer { id } } }", Map.of("id", String.valueOf(s), "v", version(s)));
        ok(r);
        JsonNode sv = r.path("data").path("surveyPvSite");
        assertThat(sv.path("status").asString()).isEqualTo("SURVEYED");
        double roof = jdbc.queryForObject("SELECT roof_area_m2 FROM pv_site WHERE id = ?", Double.class, s);
        assertThat(sv.path("capacityKw").asDouble()).isCloseTo(roof * 0.5 * 0.15, within(1e-9));
        assertThat(sv.path("transformer").path("id").asLong()).isPositive();
        jdbc.update("UPDATE pv_site SET transformer_id = ? WHERE id = ?", t, s);
        assertThat(error(graphqlAs(staff, "mutation($id: ID!, $v: Int!) { surveyPvSite(id: $id, input: {usableShare: 1.5}, expectedVersion: $v) { id } }",
                Map.of("id", String.valueOf(s), "v", version(s))))).contains("1.5");
        // No filing without the household's consent, nor without a filing number.
        assertThat(error(status(ZJ, s, "FILED", null, "ZJ-TEST-1"))).contains("consent");
        ok(graphqlAs(staff, "mutation($id: ID!, $v: Int!) { recordPvConsent(id: $id, consentOn: \"2025-05-01\", signedBy: \"张小三\", documentRef: \"同意书-1\", "
                + "expectedVersion: $v) { id } }", Map.of("id", String.valueOf(s), "v", version(s))));
        assertThat(error(status(ZJ, s, "FILED", null, null))).contains("filing number");
        assertThat(error(status(ZJ, s, "BUILT", null, null))).contains("cannot go from SURVEYED to BUILT");
        String no = "ZJ-TEST-" + s;
        ok(status(ZJ, s, "FILED", null, no));
        assertThat(error(status(ZJ, s, "CONNECTED", null, null))).contains("cannot go from FILED to CONNECTED");
        assertThat(error(status(ZJ, s, "SURVEYED", null, null))).contains("cannot go from FILED");
        // A filed site keeps its transformer.
        assertThat(error(graphqlAs(staff, "mutation($id: ID!, $v: Int!) { assignPvTransformer(id: $id, expectedVersion: $v) { id } }",
                Map.of("id", String.valueOf(s), "v", version(s))))).contains("keeps the transformer");
        ok(status(ZJ, s, "BUILT", null, null));
        assertThat(error(status(ZJ, s, "FILED", null, null))).contains("cannot go from BUILT to FILED");
        ok(status(ZJ, s, "CONNECTED", null, null));
        for (String to : List.of("CANDIDATE", "FILED", "BUILT", "REJECTED")) {
            assertThat(error(status(ZJ, s, to, "x", "X2"))).contains("CONNECTED ends the workflow");
        }
        // The staff panel: history oldest first, consent masked without the personal-data permission.
        JsonNode w = site(staff, s).path("work");
        assertThat(w.path("signedBy").asString()).isEqualTo("张*三");
        assertThat(w.path("masked").asBoolean()).isTrue();
        List<String> steps = new ArrayList<>();
        w.path("history").forEach(h -> steps.add(h.path("toStatus").asString()));
        assertThat(steps).containsExactly("SURVEYED", "FILED", "BUILT", "CONNECTED");
        assertThat(site(adminToken(), s).path("work").path("signedBy").asString()).isEqualTo("张小三");
        // The public sees the site, never the work (consent, signer, reasons); another county's staff neither.
        JsonNode pub = Http(s);
        assertThat(pub.path("data").path("pvSite").path("status").asString()).isEqualTo("CONNECTED");
        assertThat(pub.path("data").path("pvSite").path("work").isNull()).isTrue();
        assertThat(site(staffToken(MX), s).path("work").isNull()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE target_type = 'pv_site' AND target_id = ? AND outcome = 'ok'", Integer.class,
                String.valueOf(s))).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE target_type = 'pv_site' AND after::text LIKE '%张小三%'", Integer.class))
                .isZero();

        // Rejection: from every open status, with a reason; it ends the workflow.
        for (String from : List.of("candidate", "surveyed", "filed", "built")) {
            long x = site(t, from, 1, "full_export");
            assertThat(error(status(ZJ, x, "REJECTED", null, null))).contains("say why");
            ok(status(ZJ, x, "REJECTED", "屋顶荷载不足", null));
            assertThat(site(staff, x).path("work").path("rejectReason").asString()).isEqualTo("屋顶荷载不足");
            assertThat(error(status(ZJ, x, "SURVEYED", null, null))).contains("REJECTED ends the workflow");
        }
        // Stale versions, other counties, the public.
        long y = site(t, "built", 1, "full_export");
        Map<String, Object> stale = Map.of("id", String.valueOf(y), "s", "CONNECTED", "v", version(y) + 1);
        assertThat(error(graphqlAs(staff, STATUS, stale))).contains("changed meanwhile");
        assertThat(graphqlAs(staffToken(MX), STATUS, Map.of("id", String.valueOf(y), "s", "CONNECTED", "v", version(y))).path("errors").get(0)
                .path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(graphql(STATUS, Map.of("id", String.valueOf(y), "s", "CONNECTED", "v", version(y))).path("errors").get(0)
                .path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.queryForObject("SELECT status FROM pv_site WHERE id = ?", String.class, y)).isEqualTo("built");
    }

    JsonNode Http(long s) {
        return graphql("query($id: ID!) { pvSite(id: $id) { status work { signedBy rejectReason } } }", Map.of("id", String.valueOf(s)));
    }

    @Test
    void assignmentByServiceAreaElseNearest() {
        long near = transformer(YN, 400, 0, 0, 1, null);
        long s = site(near, "candidate", 2, "full_export");
        long far = transformer(YN, 400, 0, 0, 1, null);
        jdbc.update("UPDATE distribution_transformer SET geom = ST_Translate(geom, 0.05, 0.05) WHERE id = ?", far);
        int v = jdbc.queryForObject("SELECT version FROM pv_county_assumption WHERE county_code = ?", Integer.class, YN);
        String assign = "mutation($id: ID!, $v: Int!) { assignPvTransformer(id: $id, expectedVersion: $v) { transformer { id } } }";
        JsonNode r = graphqlAs(staffToken(YN), assign, Map.of("id", String.valueOf(s), "v", version(s)));
        ok(r);
        long nearest = r.path("data").path("assignPvTransformer").path("transformer").path("id").asLong();
        assertThat(nearest).isNotEqualTo(far);
        // A service area containing the site wins under the service-area rule.
        jdbc.update("UPDATE distribution_transformer SET service_area = ST_Multi(ST_Buffer((SELECT geom FROM pv_site WHERE id = ?), 0.01)) WHERE id = ?", s, far);
        ok(graphqlAs(staffToken(YN), "mutation { setPvAssumptions(countyCode: \"" + YN + "\", input: {assignmentRule: \"service_area\"}, expectedVersion: " + v
                + ") { version } }"));
        try {
            r = graphqlAs(staffToken(YN), assign, Map.of("id", String.valueOf(s), "v", version(s)));
            ok(r);
            assertThat(r.path("data").path("assignPvTransformer").path("transformer").path("id").asLong()).isEqualTo(far);
        } finally {
            jdbc.update("UPDATE distribution_transformer SET service_area = NULL WHERE id = ?", far);
            ok(graphqlAs(staffToken(YN), "mutation { setPvAssumptions(countyCode: \"" + YN + "\", input: {assignmentRule: \"nearest\"}, expectedVersion: "
                    + (v + 1) + ") { version } }"));
        }
        // An explicit transformer of another county is refused.
        long other = transformer(ZJ, 400, 0, 0, 1, null);
        assertThat(error(graphqlAs(staffToken(YN), "mutation($id: ID!, $v: Int!, $t: ID) { assignPvTransformer(id: $id, transformerId: $t, expectedVersion: $v) { id } }",
                Map.of("id", String.valueOf(s), "v", version(s), "t", String.valueOf(other))))).contains("county");
    }

    // ------------------------------------------------------------------------------------------------ summaries

    @Test
    void potentialPerTownshipAndVillageAndGridIndicators() {
        JsonNode r = graphql("{ pvPotential(adminCode: \"" + MD + "\", by: TOWNSHIP) { unit { code level } sites potentialKw filedKw connectedKw "
                + "connectedIncomeYuan potentialIncomeYuan } }");
        ok(r);
        double connected = 0;
        for (JsonNode p : r.path("data").path("pvPotential")) {
            assertThat(p.path("unit").path("level").asString()).isEqualTo("TOWNSHIP");
            connected += p.path("connectedKw").asDouble();
        }
        assertThat(connected).isCloseTo(jdbc.queryForObject("SELECT coalesce(sum(capacity_kw), 0) FROM pv_site WHERE county_code = ? AND status = 'connected'",
                Double.class, MD), within(1e-6));
        double income = 0;
        JsonNode villages = graphql("{ pvPotential(adminCode: \"" + MD + "\", by: VILLAGE) { unit { level } connectedIncomeYuan } }").path("data").path("pvPotential");
        for (JsonNode p : villages) {
            assertThat(p.path("unit").path("level").asString()).isEqualTo("VILLAGE");
            income += p.path("connectedIncomeYuan").asDouble();
        }
        // Income of connected sites by hand: Σ capacity × 1350 h (DL/T county, no altitude adjustment) × price of the mode.
        double hand = jdbc.queryForObject("""
                SELECT sum(capacity_kw * 1350 * CASE grid_mode WHEN 'full_export' THEN 0.3035 WHEN 'full_self_use' THEN 0.43 ELSE 0.3 * 0.43 + 0.7 * 0.3035 END)
                FROM pv_site WHERE county_code = ? AND status = 'connected'""", Double.class, MD);
        assertThat(income).isCloseTo(hand, within(0.01));
        // 鄂温克: kVA per household against ≥ 2, per village.
        JsonNode g = graphql("{ gridIndicators(countyCode: \"" + MD + "\") { village { code households } households transformers transformerKva kvaPerHousehold meetsTarget } }");
        ok(g);
        assertThat(g.path("data").path("gridIndicators").size()).isEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM admin_unit WHERE county_code = ? AND level = 'village'", Integer.class, MD));
        for (JsonNode i : g.path("data").path("gridIndicators")) {
            double kva = jdbc.queryForObject("SELECT coalesce(sum(rated_kva), 0)::float8 FROM distribution_transformer WHERE village_code = ?", Double.class,
                    i.path("village").path("code").asString());
            assertThat(i.path("transformerKva").asDouble()).isCloseTo(kva, within(1e-9));
            if (i.path("households").asInt() > 0) {
                assertThat(i.path("kvaPerHousehold").asDouble()).isCloseTo(kva / i.path("households").asInt(), within(1e-9));
                assertThat(i.path("meetsTarget").asBoolean()).isEqualTo(kva / i.path("households").asInt() >= 2);
            }
        }
    }
}
