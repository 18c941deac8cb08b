package org.landatlas.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.Session;
import org.landatlas.testing.VectorTiles;

/**
 * Issue #5 on the running service: who may read and change what (role × operation × own/other county), masking in
 * every output channel, sign-in with CSRF and throttling, API token lifecycle, anonymous limits, the audit log
 * (complete and append-only), all-or-nothing and concurrent changes, and hostile requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest extends IntegrationTest {

    static final String A = "150627";   // 伊金霍洛旗
    static final String B = "533401";   // 香格里拉市
    static final String PASSWORD = "Staff-pw-for-tests-7";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RateLimiter limiter;

    /** Run-unique suffix: the test database keeps accounts between runs. */
    final String run = Long.toString(System.currentTimeMillis(), 36);
    String staffA;          // token: staff of A, masked
    String staffAPersonal;  // token: staff of A with the personal-data permission
    String staffB;          // token: staff of B
    String staffAUser;

    @BeforeAll
    void accounts() {
        staffAUser = "a-" + run;
        staffA = tokenFor(account(staffAUser, List.of(A), false));
        staffAPersonal = tokenFor(account("ap-" + run, List.of(A), true));
        staffB = tokenFor(account("b-" + run, List.of(B), false));
    }

    String account(String username, List<String> counties, boolean personal) {
        JsonNode r = admin("mutation($i: NewAccountInput!) { createAccount(input: $i) { id username role counties personalData } }",
                Map.of("i", Map.of("username", username, "role", "STAFF", "counties", counties, "personalData", personal, "password", PASSWORD)));
        return r.path("data").path("createAccount").path("id").asString();
    }

    String tokenFor(String accountId) {
        return admin("mutation { createApiToken(accountId: \"" + accountId + "\", name: \"test " + run + "\") { secret token { prefix active } } }", Map.of())
                .path("data").path("createApiToken").path("secret").asString();
    }

    JsonNode admin(String query, Map<String, Object> variables) {
        JsonNode r = graphqlAs(adminToken(), query, variables);
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        return r;
    }

    static String code(JsonNode response) {
        return response.path("errors").get(0).path("extensions").path("code").asString();
    }

    long homesteadIn(String county, int offset) {
        return jdbc.queryForObject("SELECT id FROM homestead WHERE county_code = ? ORDER BY id OFFSET ? LIMIT 1", Long.class, county, offset);
    }

    String revitalizationOf(long homestead) {
        return jdbc.queryForObject("SELECT revitalization_status FROM homestead WHERE id = ?", String.class, homestead);
    }

    int audits(String action, String actor) {
        return jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = ? AND actor = ?", Integer.class, action, actor);
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void roleByOperationByCounty() {
        String contracts = "{ circulationContracts(first: 1000) { totalCount edges { node { countyCode priceYuanPerMuYear } } } }";
        int inA = jdbc.queryForObject("SELECT count(*) FROM circulation_contract WHERE county_code = ?", Integer.class, A);
        int all = jdbc.queryForObject("SELECT count(*) FROM circulation_contract", Integer.class);

        // Public: public data yes, staff data no, no writes, no administration.
        assertThat(graphql("{ parcels(filter: { adminCode: \"" + A + "\" }) { totalCount } }").path("data").path("parcels").path("totalCount").asInt()).isPositive();
        assertThat(code(graphql(contracts))).isEqualTo("FORBIDDEN");
        assertThat(code(graphql("{ transferees(first: 1) { totalCount } }"))).isEqualTo("FORBIDDEN");
        assertThat(code(graphql("{ accounts { id } }"))).isEqualTo("FORBIDDEN");
        assertThat(code(graphql("{ auditLog { totalCount } }"))).isEqualTo("FORBIDDEN");
        long pa = homesteadIn(A, 3);
        long pb = homesteadIn(B, 3);
        String before = revitalizationOf(pa);
        assertThat(code(graphql("mutation { setHomesteadRevitalizationStatus(ids: [\"" + pa + "\"], status: LISTED, reason: \"x\") { id } }"))).isEqualTo("FORBIDDEN");
        assertThat(revitalizationOf(pa)).isEqualTo(before);

        // Staff of A: everything of A, nothing staff-only of B; writes in A only.
        JsonNode a = graphqlAs(staffA, contracts).path("data").path("circulationContracts");
        assertThat(a.path("totalCount").asInt()).isEqualTo(inA);
        a.path("edges").forEach(e -> assertThat(e.path("node").path("countyCode").asString()).isEqualTo(A));
        assertThat(graphqlAs(staffB, contracts).path("data").path("circulationContracts").path("totalCount").asInt())
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM circulation_contract WHERE county_code = ?", Integer.class, B));
        assertThat(code(graphqlAs(staffA, "{ accounts { id } }"))).isEqualTo("FORBIDDEN");
        assertThat(code(graphqlAs(staffA, "mutation { setPlanTarget(countyCode: \"" + A + "\", year: 2025, metric: FARMLAND_CIRCULATED_MU, targetValue: 1) { targetValue } }")))
                .isEqualTo("FORBIDDEN");
        String target = before.equals("listed") ? "NEGOTIATING" : "LISTED";
        JsonNode own = graphqlAs(staffA, "mutation { setHomesteadRevitalizationStatus(ids: [\"" + pa + "\"], status: " + target + ", reason: \"盘活 test\") { id revitalizationStatus } }");
        assertThat(own.path("data").path("setHomesteadRevitalizationStatus").get(0).path("revitalizationStatus").asString()).isEqualTo(target);
        String beforeB = revitalizationOf(pb);
        JsonNode other = graphqlAs(staffA, "mutation { setHomesteadRevitalizationStatus(ids: [\"" + pb + "\"], status: LISTED, reason: \"x\") { id } }");
        assertThat(code(other)).isEqualTo("FORBIDDEN");
        assertThat(other.path("errors").get(0).path("message").asString()).contains(B).contains("nothing was changed");
        assertThat(revitalizationOf(pb)).isEqualTo(beforeB);
        // Staff of A get the public view of B's listings and homesteads.
        JsonNode homesteadsOfB = graphqlAs(staffA, "{ homesteads(filter: { adminCode: \"" + B + "\" }, first: 1000) { edges { node { revitalizationStatus } } } }");
        homesteadsOfB.path("data").path("homesteads").path("edges").forEach(e ->
                assertThat(e.path("node").path("revitalizationStatus").asString()).isIn("LISTED", "NEGOTIATING"));

        // Administrator: all counties, administration.
        assertThat(graphqlAs(adminToken(), contracts).path("data").path("circulationContracts").path("totalCount").asInt()).isEqualTo(all);
        assertThat(graphqlAs(adminToken(), "{ accounts { username } }").path("data").path("accounts").size()).isGreaterThanOrEqualTo(4);
        graphqlAs(adminToken(), "mutation { setHomesteadRevitalizationStatus(ids: [\"" + pa + "\"], status: " + before.toUpperCase() + ", reason: \"restore\") { id } }");
        assertThat(revitalizationOf(pa)).isEqualTo(before);

        // A staff session (cookie) behaves like the staff token.
        Session s = Session.signIn(port, staffAUser, PASSWORD);
        assertThat(s.graphql(contracts).path("data").path("circulationContracts").path("totalCount").asInt()).isEqualTo(inA);
        assertThat(s.graphql("{ me { role counties via } }").path("data").path("me").toString()).contains("STAFF").contains(A).contains("session");
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void personalDataIsMaskedUnlessPermittedInEveryChannel() {
        String q = "{ circulationContracts(first: 20) { edges { node { id countyCode transferors { name idNumber phone masked } transferee { contact { name phone idNumber masked } } } } } }";
        JsonNode masked = graphqlAs(staffA, q).path("data").path("circulationContracts").path("edges");
        int checked = 0;
        for (JsonNode e : masked) {
            for (JsonNode t : e.path("node").path("transferors")) {
                assertThat(t.path("masked").asBoolean()).isTrue();
                assertThat(t.path("name").asString()).matches(".\\*+.?|.\\*");
                assertThat(t.path("idNumber").asString()).matches("[0-9]{6}\\*{8}[0-9X]{4}");
                if (!t.path("phone").isNull()) {
                    assertThat(t.path("phone").asString()).matches("1[0-9]{2}\\*{4}[0-9]{4}");
                }
                checked++;
            }
        }
        assertThat(checked).isPositive();
        // The same contracts for the account with the permission: the registry's values.
        JsonNode open = graphqlAs(staffAPersonal, q).path("data").path("circulationContracts").path("edges");
        JsonNode first = open.get(0).path("node");
        JsonNode t0 = first.path("transferors").get(0);
        assertThat(t0.path("masked").asBoolean()).isFalse();
        List<String> names = jdbc.queryForList("""
                SELECT i.head_name FROM circulation_contract_transferor x JOIN personal.household_identity i ON i.household_id = x.household_id
                WHERE x.contract_id = ?""", String.class, Long.parseLong(first.path("id").asString()));
        assertThat(names).contains(t0.path("name").asString());
        assertThat(t0.path("idNumber").asString()).matches("[0-9]{17}[0-9X]");

        // Homestead households: masked for staff, null for the public and for staff of another county.
        String hq = "{ homesteads(filter: { adminCode: \"" + A + "\", revitalizationStatuses: [LISTED] }, first: 5) { edges { node { household { headName idNumber phone masked } } } } }";
        assertThat(graphqlAs(staffA, hq).path("data").path("homesteads").path("edges").get(0).path("node").path("household").path("masked").asBoolean()).isTrue();
        assertThat(graphqlAs(staffAPersonal, hq).path("data").path("homesteads").path("edges").get(0).path("node").path("household").path("idNumber").asString())
                .matches("[0-9]{17}[0-9X]");
        assertThat(graphql(hq).path("data").path("homesteads").path("edges").get(0).path("node").path("household").isNull()).isTrue();
        assertThat(graphqlAs(staffB, hq).path("data").path("homesteads").path("edges").get(0).path("node").path("household").isNull()).isTrue();

        // Exports are built from these same GraphQL answers (web map); tiles carry no personal attributes at all;
        // errors never echo stored personal values.
        String everyId = String.join("|", jdbc.queryForList("SELECT id_number FROM personal.household_identity LIMIT 200", String.class));
        JsonNode err = graphqlAs(staffA, "{ circulationContracts(filter: { adminCode: \"999999\" }) { totalCount } }");
        assertThat(err.toString()).doesNotContainPattern(everyId);
        assertThat(graphql("{ __type(name: \"Homestead\") { fields { name } } }").toString()).contains("household");
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void tilesObeyTheSameRules() throws Exception {
        // A z14 tile with homesteads of every status in county A.
        JsonNode p = Http.JSON.readTree(jdbc.queryForObject("""
                SELECT json_build_object('x', ST_X(c), 'y', ST_Y(c)) FROM (SELECT ST_Centroid(ST_Collect(geom)) c FROM (
                  SELECT geom FROM homestead WHERE county_code = ? AND revitalization_status = 'none' ORDER BY id LIMIT 1) s) q""", String.class, A));
        double lon = p.path("x").asDouble();
        double lat = p.path("y").asDouble();
        int z = 14;
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
        String path = "/tiles/homesteads/" + z + "/" + x + "/" + y + ".mvt";
        HttpResponse<byte[]> pub = Http.get(port, path);
        HttpResponse<byte[]> staff = Http.get(port, path, "Authorization", "Bearer " + staffA);
        HttpResponse<byte[]> other = Http.get(port, path, "Authorization", "Bearer " + staffB);
        assertThat(staff.statusCode()).isEqualTo(200);
        JtsLayer staffLayer = VectorTiles.decode(staff.body(), "homesteads");
        Set<String> statuses = new HashSet<>();
        staffLayer.getGeometries().forEach(g -> statuses.add(String.valueOf(((Map<?, ?>) g.getUserData()).get("revitalization"))));
        assertThat(statuses).contains("none");
        for (HttpResponse<byte[]> r : List.of(pub, other)) {
            if (r.statusCode() == 200) {
                VectorTiles.decode(r.body(), "homesteads").getGeometries().forEach(g ->
                        assertThat(String.valueOf(((Map<?, ?>) g.getUserData()).get("revitalization"))).isIn("listed", "negotiating"));
            } else {
                assertThat(r.statusCode()).isEqualTo(204);
            }
        }
        assertThat(staff.headers().firstValue("Cache-Control").orElse("")).contains("private");
        // No tile layer carries personal attributes.
        for (JsonNode layer : Http.JSON.readTree(Http.get(port, "/tiles").body()).path("layers")) {
            assertThat(layer.path("fields").toString().toLowerCase()).doesNotContain("name\":\"head").doesNotContain("phone").doesNotContain("id_number");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void apiTokenLifecycleAndForgedTokens() {
        String id = account("t-" + run, List.of(A), false);
        JsonNode created = admin("mutation { createApiToken(accountId: \"" + id + "\", name: \"GIS sync\", expiresInDays: 30) { secret token { id prefix active expiresAt } } }", Map.of())
                .path("data").path("createApiToken");
        String secret = created.path("secret").asString();
        String tokenId = created.path("token").path("id").asString();
        assertThat(secret).startsWith("la_").hasSize(46);
        assertThat(secret).startsWith(created.path("token").path("prefix").asString());
        // Only a hash is stored.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.api_token WHERE encode(token_hash, 'escape') LIKE ?", Integer.class, "%" + secret + "%")).isZero();
        assertThat(graphqlAs(secret, "{ me { username role via } }").path("data").path("me").path("via").asString()).isEqualTo("token");
        JsonNode list = admin("{ apiTokens(accountId: \"" + id + "\") { id name prefix active } }", Map.of());
        assertThat(list.toString()).contains("GIS sync").doesNotContain(secret);

        admin("mutation { revokeApiToken(id: \"" + tokenId + "\") { active revokedBy } }", Map.of());
        HttpResponse<String> revoked = Http.post(port, "/graphql", "{\"query\":\"{ me { role } }\"}", "application/json", "Authorization", "Bearer " + secret);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
        assertThat(revoked.body()).contains("revoked");

        // Expired, forged, malformed and foreign schemes.
        String soon = tokenFor(id);
        jdbc.update("UPDATE security.api_token SET expires_at = now() - interval '1 minute' WHERE prefix = ?", soon.substring(0, 10));
        for (String auth : List.of("Bearer " + soon, "Bearer la_" + "A".repeat(43), "Bearer la_short", "Bearer " + secret.replace('a', 'b'),
                "Basic YWRtaW46YWRtaW4=", "Bearer ")) {
            HttpResponse<String> r = Http.post(port, "/graphql", "{\"query\":\"{ me { role } }\"}", "application/json", "Authorization", auth);
            assertThat(r.statusCode()).as(auth).isEqualTo(401);
        }
        // Disabling the account stops its tokens at once.
        String live = tokenFor(id);
        assertThat(graphqlAs(live, "{ me { role } }").path("data").path("me").path("role").asString()).isEqualTo("STAFF");
        admin("mutation { updateAccount(id: \"" + id + "\", input: { enabled: false }) { enabled } }", Map.of());
        assertThat(Http.post(port, "/graphql", "{\"query\":\"{ me { role } }\"}", "application/json", "Authorization", "Bearer " + live).statusCode()).isEqualTo(401);
        assertThat(audits("createApiToken", "admin")).isPositive();
        assertThat(audits("revokeApiToken", "admin")).isPositive();
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void sessionsNeedCsrfTokensAndSignInIsThrottled() {
        // No CSRF token: refused, for sign-in and for a signed-in session's changes.
        Session s = new Session(port);
        HttpResponse<String> noCsrf = s.postJson("/auth/login", Map.of("username", staffAUser, "password", PASSWORD), false);
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("CSRF");
        assertThat(s.login(staffAUser, PASSWORD).statusCode()).isEqualTo(200);
        HttpResponse<String> post = s.postJson("/graphql", Map.of("query", "{ me { role } }"), false);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(s.graphql("{ me { role } }").path("data").path("me").path("role").asString()).isEqualTo("STAFF");
        // The session and its CSRF token stay as they are for the following requests (no id change under the client).
        String sessionCookie = s.cookie("LANDATLAS_SESSION");
        String xsrf = s.cookie("XSRF-TOKEN");
        for (int i = 0; i < 3; i++) {
            assertThat(s.graphql("{ me { role } }").path("data").path("me").path("role").asString()).isEqualTo("STAFF");
            assertThat(s.get("/tiles/homesteads/14/0/0.mvt").statusCode()).isIn(200, 204);
        }
        assertThat(s.cookie("LANDATLAS_SESSION")).isEqualTo(sessionCookie).isNotNull();
        assertThat(s.cookie("XSRF-TOKEN")).isEqualTo(xsrf);
        // Session cookie settings.
        HttpResponse<String> login = new Session(port).login(staffAUser, PASSWORD);
        String cookie = String.join(";", login.headers().allValues("Set-Cookie"));
        assertThat(cookie).contains("LANDATLAS_SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        // Logout ends the session.
        s.postJson("/auth/logout", Map.of(), true);
        assertThat(s.refresh().path("signedIn").asBoolean()).isFalse();

        // Throttling: after 5 failures the user name is locked, even for the right password; 429 with Retry-After.
        String user = "throttle-" + run;
        account(user, List.of(A), false);
        Session t = new Session(port);
        for (int i = 0; i < 5; i++) {
            assertThat(t.login(user, "wrong-password-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = t.login(user, PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = 'login' AND target_id = ? AND outcome = 'failed'", Integer.class, user))
                .isEqualTo(5);
        // Unknown users and wrong passwords get the same answer.
        assertThat(new Session(port).login("nobody-" + run, "whatever-password").body()).contains("wrong user name or password");
        // No default password: "admin" / "admin" and friends do not work.
        for (String pw : List.of("admin", "password", "123456", "admin123")) {
            assertThat(new Session(port).login("admin", pw).statusCode()).isIn(401, 429);
        }
        // Set-up is closed once an administrator exists.
        assertThat(new Session(port).postJson("/auth/setup", Map.of("token", "x", "username", "eve", "password", "eve-password-123"), true).statusCode())
                .isEqualTo(409);
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void anonymousUseIsRateLimitedAndBounded() {
        RateLimiter.Limit before = limiter.get("graphql");
        limiter.set("graphql", new RateLimiter.Limit(2, 5));
        try {
            int limited = 0;
            String retryAfter = null;
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> r = Http.post(port, "/graphql", "{\"query\":\"{ __typename }\"}", "application/json");
                if (r.statusCode() == 429) {
                    limited++;
                    retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                }
            }
            assertThat(limited).isGreaterThanOrEqualTo(5);
            assertThat(retryAfter).isNotNull();
            // Signed-in clients are not limited by the anonymous budget.
            for (int i = 0; i < 10; i++) {
                assertThat(graphqlAs(staffA, "{ __typename }").path("data").path("__typename").asString()).isEqualTo("Query");
            }
        } finally {
            limiter.set("graphql", before);
        }
        // Guessing API tokens is limited too: lookups that miss the token cache share a small per-address budget.
        RateLimiter.Limit lookups = limiter.get("token-lookup");
        limiter.set("token-lookup", new RateLimiter.Limit(1, 3));
        try {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String guess = "la_" + Long.toString(System.nanoTime(), 36) + "x".repeat(43 - Long.toString(System.nanoTime(), 36).length());
                statuses.add(Http.post(port, "/graphql", "{\"query\":\"{ me { role } }\"}", "application/json", "Authorization", "Bearer " + guess.substring(0, 46))
                        .statusCode());
            }
            assertThat(statuses).contains(401, 429);
            // A known token is cached and keeps working.
            assertThat(graphqlAs(staffA, "{ me { role } }").path("data").path("me").path("role").asString()).isEqualTo("STAFF");
        } finally {
            limiter.set("token-lookup", lookups);
        }
        // Huge areas are refused for anonymous use (with the argument named), fine for staff.
        JsonNode huge = graphql("{ parcels(filter: { bbox: [73, 18, 135, 53] }) { totalCount } }");
        assertThat(code(huge)).isEqualTo("TOO_COMPLEX");
        assertThat(huge.path("errors").get(0).path("message").asString()).contains("filter.bbox").contains("km²");
        assertThat(graphqlAs(staffA, "{ parcels(filter: { bbox: [73, 18, 135, 53] }) { totalCount } }").path("data").path("parcels").path("totalCount").asInt())
                .isPositive();
    }

    /** One step of a contract's life in county A as staff A; ids made by earlier steps are kept in {@code ids}. */
    private JsonNode contractStep(String mutation, Map<String, String> ids) {
        String q = switch (mutation) {
            case "createTransferee" -> "mutation { createTransferee(input: { countyCode: \"" + A + "\", kind: LARGE_GROWER, name: \"审计大户" + run + "\" }) { id } }";
            case "createContract", "updateContract" -> {
                List<Long> parcels = org.landatlas.circulation.ContractFixtures.freeParcels(jdbc, A, 1, false);
                String input = org.landatlas.circulation.ContractFixtures.input(A, Long.parseLong(ids.get("transferee")), parcels,
                        org.landatlas.circulation.ContractFixtures.household(jdbc, A, 0), "LEASE", "2027-01-01", "2031-12-31", "GRAIN", null);
                yield mutation.equals("createContract") ? "mutation { createContract(input: " + input + ") { id } }"
                        : "mutation { updateContract(id: \"" + ids.get("contract") + "\", expectedVersion: 0, input: " + input + ") { id } }";
            }
            case "signContract" -> "mutation { signContract(id: \"" + ids.get("contract") + "\") { id } }";
            case "fileContract" -> "mutation { fileContract(id: \"" + ids.get("contract") + "\", filingNo: \"SEC-BA-" + run + "\") { id } }";
            case "activateContract" -> "mutation { activateContract(id: \"" + ids.get("contract") + "\") { id } }";
            case "registerMortgage" -> "mutation { registerMortgage(contractId: \"" + ids.get("contract") + "\", input: { lender: \"信用社\", amountYuan: 1000, "
                    + "termStart: \"2027-01-01\", termEnd: \"2028-12-31\" }) { id } }";
            case "releaseMortgage" -> "mutation { releaseMortgage(id: \"" + ids.get("mortgage") + "\") { id } }";
            case "recordDividend" -> {
                // An equity contract of its own, signed, to pay a dividend on.
                List<Long> parcels = org.landatlas.circulation.ContractFixtures.freeParcels(jdbc, A, 1, false);
                long h = org.landatlas.circulation.ContractFixtures.household(jdbc, A, 0);
                String input = org.landatlas.circulation.ContractFixtures.input(A, Long.parseLong(ids.get("transferee")), parcels, h, "EQUITY", "2027-01-01",
                        "2031-12-31", "GRAIN", "equity: { dividendRule: FIXED, baseYuan: 500, shareholders: [{ householdId: \"" + h + "\", sharePct: 100 }] }");
                String equity = graphqlAs(staffA, "mutation { createContract(input: " + input + ") { id } }").path("data").path("createContract").path("id").asString();
                graphqlAs(staffA, "mutation { signContract(id: \"" + equity + "\") { id } }");
                yield "mutation { recordDividend(contractId: \"" + equity + "\", year: 2027) { id } }";
            }
            case "terminateContract" -> "mutation { terminateContract(id: \"" + ids.get("contract") + "\", reason: \"审计\") { id } }";
            default -> throw new IllegalArgumentException(mutation);
        };
        JsonNode r = graphqlAs(staffA, q);
        JsonNode data = r.path("data").path(mutation);
        switch (mutation) {
            case "createTransferee" -> ids.put("transferee", data.path("id").asString());
            case "createContract" -> ids.put("contract", data.path("id").asString());
            case "registerMortgage" -> ids.put("mortgage", data.path("id").asString());
            default -> {
            }
        }
        return r;
    }

    /** Stages a DLTB GeoJSON of one new parcel of county A (a copy of a demo parcel under BSM {@code bsm}); returns the job id. */
    private String stageOneParcel(String bsm) {
        String file = jdbc.queryForObject("""
                SELECT json_build_object('type', 'FeatureCollection', 'features', json_agg(json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(geom)::json,
                  'properties', json_build_object('BSM', ?, 'TBBH', 'S' || right(?, 7), 'DLBM', dlbm, 'DLMC', dlmc, 'QSXZ', qsxz, 'QSDWDM', qsdwdm, 'QSDWMC', qsdwmc,
                    'ZLDWDM', zldwdm, 'ZLDWMC', zldwmc, 'TBMJ', tbmj, 'KCMJ', kcmj, 'TBDLMJ', tbdlmj, 'SJNF', sjnf))))::text
                FROM (SELECT * FROM land_parcel WHERE county_code = ? AND ST_IsValid(geom) ORDER BY id LIMIT 1) p""", String.class, bsm, bsm, A);
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/exchange/imports?profile=dltb&county=" + A + "&fileName=one.geojson"))
                    .header("Authorization", "Bearer " + staffA).header("Content-Type", "application/octet-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode job = Http.JSON.readTree(r.body());
            assertThat(job.path("status").asString()).as(r.body()).isEqualTo("checked");
            return job.path("id").asString();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    /** Every mutation in the schema, with a call that succeeds; a new mutation without an entry here fails the test. */
    @Test
    void everyMutationIsAudited() {
        long homestead = jdbc.queryForObject("SELECT id FROM homestead WHERE county_code = ? ORDER BY id LIMIT 1", Long.class, A);
        long listing = jdbc.queryForObject("SELECT id FROM circulation_listing WHERE county_code = ? AND status = 'listed' ORDER BY id LIMIT 1", Long.class, A);
        String newStaff = "m-" + run;
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("createAccount", "mutation { createAccount(input: { username: \"" + newStaff + "\", role: STAFF, counties: [\"" + A + "\"], password: \"" + PASSWORD + "\" }) { id } }");
        calls.put("updateAccount", "mutation { updateAccount(id: \"ID\", input: { displayName: \"测试员\" }) { displayName } }");
        calls.put("resetPassword", "mutation { resetPassword(id: \"ID\", newPassword: \"Another-pw-for-tests-9\") { id } }");
        calls.put("createApiToken", "mutation { createApiToken(accountId: \"ID\", name: \"audit\") { secret } }");
        calls.put("revokeApiToken", "mutation { revokeApiToken(id: \"TOKEN\") { active } }");
        calls.put("changeMyPassword", "STAFF");
        calls.put("setHomesteadRevitalizationStatus", "mutation { setHomesteadRevitalizationStatus(ids: [\"" + homestead + "\"], status: "
                + jdbc.queryForObject("SELECT upper(revitalization_status) FROM homestead WHERE id = ?", String.class, homestead) + ", reason: \"复核\") { id } }");
        // The homestead workflow: one idle homestead of A through every step, another withdrawn.
        List<Long> idleHomesteads = jdbc.queryForList("SELECT id FROM homestead WHERE county_code = ? AND revitalization_status = 'idle' AND updated_by IS NULL "
                + "ORDER BY id DESC LIMIT 2", Long.class, A);
        for (String m : List.of("surveyHomestead", "listHomestead", "startHomesteadNegotiation", "revitalizeHomestead", "withdrawHomestead")) {
            calls.put(m, "HOMESTEAD");
        }
        int listingVersion = jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, listing);
        calls.put("setListingStatus", "mutation { setListingStatus(id: \"" + listing + "\", status: NEGOTIATING, reason: \"洽谈\", expectedVersion: "
                + listingVersion + ") { status } }");
        // The listing workflow and disputes: a free farmland parcel of A to list, an attachment and a dispute to work on.
        long free = jdbc.queryForObject("""
                SELECT p.id FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.county_code = ? AND c.class_group = 'farmland' AND p.circulation_status = 'none'
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp WHERE lp.parcel_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM circulation_contract_parcel cp WHERE cp.parcel_id = p.id) ORDER BY p.id LIMIT 1""", Long.class, A);
        calls.put("createListing", "mutation { createListing(input: { countyCode: \"" + A + "\", title: \"审计挂牌\", parcelIds: [\"" + free
                + "\"], maxTermYears: 5, modes: [LEASE], contactOffice: \"镇农村产权交易服务站\" }) { id } }");
        calls.put("updateListing", "mutation { updateListing(id: \"NEWLISTING\", input: { expectedVersion: 0, title: \"审计挂牌 改\" }) { version } }");
        long attachment = jdbc.queryForObject("""
                INSERT INTO circulation_attachment (listing_id, county_code, file_name, content_type, size_bytes, sha256, content, uploaded_by)
                VALUES (?, ?, 'a.pdf', 'application/pdf', 5, repeat('0', 64), '%PDF-'::bytea, 'test') RETURNING id""", Long.class, listing, A);
        calls.put("removeListingAttachment", "mutation { removeListingAttachment(id: \"" + attachment + "\") }");
        calls.put("openDispute", "mutation { openDispute(input: { parcelId: \"" + free + "\", kind: BOUNDARY, summary: \"四至争议\" }) { id } }");
        long dispute = jdbc.queryForObject("""
                INSERT INTO circulation_dispute (parcel_id, county_code, opened_on, kind, stage, summary) VALUES (?, ?, current_date, 'boundary', 'negotiation', '审计')
                RETURNING id""", Long.class, free, A);
        calls.put("addDisputeStep", "mutation { addDisputeStep(id: \"" + dispute + "\", input: { expectedVersion: 0, stage: VILLAGE_MEDIATION }) { version } }");
        calls.put("resolveDispute", "mutation { resolveDispute(id: \"" + dispute + "\", expectedVersion: 1, outcome: \"调解成功\") { stage } }");
        // Contract work (issue #11), one contract through its life, each step audited under its own name.
        for (String m : List.of("createTransferee", "createContract", "updateContract", "signContract", "fileContract", "activateContract",
                "registerMortgage", "releaseMortgage", "recordDividend", "terminateContract")) {
            calls.put(m, "CONTRACT");
        }
        Map<String, String> contractIds = new java.util.HashMap<>();
        // The PV workflow (issue #12): one candidate of county A surveyed, its consent recorded, reassigned and rejected.
        Map<String, Object> pv = jdbc.queryForMap("SELECT id, version FROM pv_site WHERE county_code = ? AND status = 'candidate' ORDER BY id DESC LIMIT 1", A);
        int pvVersion = ((Number) pv.get("version")).intValue();
        calls.put("surveyPvSite", "mutation { surveyPvSite(id: \"" + pv.get("id") + "\", input: {tiltDeg: 20}, expectedVersion: " + pvVersion + ") { status } }");
        calls.put("recordPvConsent", "mutation { recordPvConsent(id: \"" + pv.get("id") + "\", consentOn: \"2025-01-02\", signedBy: \"王五\", expectedVersion: "
                + (pvVersion + 1) + ") { id } }");
        calls.put("assignPvTransformer", "mutation { assignPvTransformer(id: \"" + pv.get("id") + "\", expectedVersion: " + (pvVersion + 2) + ") { id } }");
        calls.put("setPvSiteStatus", "mutation { setPvSiteStatus(id: \"" + pv.get("id") + "\", status: REJECTED, reason: \"审计测试\", expectedVersion: "
                + (pvVersion + 3) + ") { status } }");
        calls.put("setPvAssumptions", "mutation { setPvAssumptions(countyCode: \"" + A + "\", input: {benchmarkPrice: 0.2829}, expectedVersion: "
                + jdbc.queryForObject("SELECT version FROM pv_county_assumption WHERE county_code = ?", Integer.class, A) + ") { version } }");
        // Drawn PV sites and grid figures (issue #12): a roof drawn in a village of A with room and deleted again; a
        // transformer's and a line's figures set to what they are, so other tests see the same grid.
        Map<String, Object> spot = jdbc.queryForMap("""
                SELECT ST_X(v.p) AS lon, ST_Y(v.p) AS lat FROM (
                    SELECT boundary, ST_PointOnSurface(boundary) AS p FROM admin_unit WHERE county_code = ? AND level = 'village') v
                WHERE ST_CoveredBy(ST_Expand(v.p, 0.002), v.boundary) AND NOT EXISTS (SELECT 1 FROM pv_site s WHERE s.geom && ST_Expand(v.p, 0.003))
                ORDER BY ST_X(v.p) LIMIT 1""", A);
        double lon = ((Number) spot.get("lon")).doubleValue(), lat = ((Number) spot.get("lat")).doubleValue();
        String ring = "[[" + lon + "," + lat + "],[" + (lon + 0.0002) + "," + lat + "],[" + (lon + 0.0002) + "," + (lat + 0.0001) + "],["
                + lon + "," + (lat + 0.0001) + "],[" + lon + "," + lat + "]]";
        calls.put("createPvSite", "mutation { createPvSite(input: { siteKind: HOMESTEAD_ROOF, usableShare: 0.6, gridMode: SELF_USE_SURPLUS_EXPORT, "
                + "outline: { type: \"Polygon\", coordinates: [" + ring + "] } }) { id } }");
        calls.put("deletePvSite", "mutation { deletePvSite(id: \"NEWPV\", expectedVersion: 0) }");
        Map<String, Object> tr = jdbc.queryForMap("""
                SELECT id, version, rated_kva, min_noon_load_kw, other_generation_kw, storage_charge_kw, parallel_count, pv_hosting_ratio, upstream_id
                FROM distribution_transformer WHERE county_code = ? ORDER BY id LIMIT 1""", A);
        calls.put("setTransformerGridFigures", "mutation { setTransformerGridFigures(id: \"" + tr.get("id") + "\", expectedVersion: " + tr.get("version")
                + ", input: { ratedKva: " + tr.get("rated_kva") + ", minNoonLoadKw: " + tr.get("min_noon_load_kw") + ", otherGenerationKw: "
                + tr.get("other_generation_kw") + ", storageChargeKw: " + tr.get("storage_charge_kw") + ", parallelCount: " + tr.get("parallel_count")
                + (tr.get("pv_hosting_ratio") == null ? "" : ", pvHostingRatio: " + tr.get("pv_hosting_ratio"))
                + (tr.get("upstream_id") == null ? "" : ", upstreamId: \"" + tr.get("upstream_id") + "\"") + " }) { version } }");
        Map<String, Object> up = jdbc.queryForMap("SELECT id, open_capacity_kw, published_on FROM grid_upstream WHERE county_code = ? ORDER BY id LIMIT 1", A);
        calls.put("setGridUpstreamCapacity", "mutation { setGridUpstreamCapacity(id: \"" + up.get("id") + "\", openCapacityKw: " + up.get("open_capacity_kw")
                + (up.get("published_on") == null ? "" : ", publishedOn: \"" + up.get("published_on") + "\"") + ") { id } }");
        // A house safety check (issue #12) of an occupied homestead of A, graded as it stands.
        Map<String, Object> checked = jdbc.queryForMap("""
                SELECT h.id, h.version FROM homestead h WHERE h.county_code = ? AND h.occupancy = 'occupied' AND h.id <> ?
                  AND EXISTS (SELECT 1 FROM rural_house r WHERE r.homestead_id = h.id) ORDER BY h.id LIMIT 1""", A, homestead);
        calls.put("recordHouseSafetyChecks", "mutation { recordHouseSafetyChecks(checks: [{ homesteadId: \"" + checked.get("id") + "\", expectedVersion: "
                + checked.get("version") + ", checkedOn: \"2026-03-01\", condition: GOOD, safetyGrade: A, findings: \"审计测试\" }]) { id } }");
        calls.put("setPlanTarget", "PLAN");
        calls.put("exportParcels", "mutation { exportParcels(filter: {adminCode: \"" + A + "\"}, format: CSV) { rows } }");
        calls.put("commitImport", "IMPORT");
        calls.put("cancelImport", "IMPORT");
        calls.put("saveImportMapping", "mutation { saveImportMapping(name: \"audit-" + run + "\", profile: \"dltb\", fields: [{field: \"bsm\", source: \"标识码\"}]) { id } }");
        calls.put("deleteImportMapping", "MAPPING");
        // Every other layer's export, each audited under its own name.
        for (String[] e : new String[][] {
                {"exportListings", "filter: {adminCode: \"" + A + "\"}"}, {"exportContracts", "filter: {adminCode: \"" + A + "\"}"},
                {"exportIdleFacilities", "adminCode: \"" + A + "\""}, {"exportHomesteads", "filter: {adminCode: \"" + A + "\"}"},
                {"exportPvSites", "filter: {adminCode: \"" + A + "\"}"}, {"exportDistributionTransformers", "adminCode: \"" + A + "\""},
                {"exportHighStandardFarmland", "filter: {adminCode: \"" + A + "\"}"}, {"exportProtectionZones", "filter: {countyCode: \"" + A + "\"}"},
                {"exportAdminUnits", "parentCode: \"" + A + "\""}, {"exportRoads", "countyCode: \"" + A + "\""},
                {"exportSettlements", "countyCode: \"" + A + "\""}, {"exportPointsOfInterest", "countyCode: \"" + A + "\""},
                {"exportBelts", "countyCode: \"" + A + "\""}, {"exportLandSearch", "county: \"" + A + "\""}}) {
            calls.put(e[0], "mutation { " + e[0] + "(" + e[1] + ", format: CSV) { rows } }");
        }
        // Sets the GraphQL limit to what it is (off in tests), so other tests are not affected.
        calls.put("setRateLimit", "mutation { setRateLimit(kind: GRAPHQL, perSecond: " + limiter.get("graphql").perSecond() + ", burst: "
                + limiter.get("graphql").burst() + ") { kind perSecond burst } }");

        List<String> inSchema = new ArrayList<>();
        graphql("{ __schema { mutationType { fields { name } } } }").path("data").path("__schema").path("mutationType").path("fields")
                .forEach(f -> inSchema.add(f.path("name").asString()));
        assertThat(calls.keySet()).as("every mutation needs an audited call in this test").containsExactlyInAnyOrderElementsOf(inSchema);
        assertThat(inSchema).noneMatch(m -> m.toLowerCase().contains("audit"));

        String accountId = null;
        String tokenId = null;
        String newListing = null;
        String newPvSite = null;
        for (Map.Entry<String, String> c : calls.entrySet()) {
            long beforeCount = jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = ?", Long.class, c.getKey());
            JsonNode r;
            switch (c.getValue()) {
                case "STAFF" -> {
                    String t = tokenFor(accountId);
                    r = graphqlAs(t, "mutation { changeMyPassword(oldPassword: \"Another-pw-for-tests-9\", newPassword: \"Third-pw-for-tests-11\") }");
                }
                case "PLAN" -> {
                    JsonNode target = graphql("{ planTargets(countyCode: \"" + A + "\") { year metric targetValue } }").path("data").path("planTargets").get(0);
                    r = graphqlAs(adminToken(), "mutation { setPlanTarget(countyCode: \"" + A + "\", year: " + target.path("year").asInt() + ", metric: "
                            + target.path("metric").asString() + ", targetValue: " + target.path("targetValue").asDouble() + ") { targetValue } }");
                }
                case "MAPPING" -> {
                    String id = graphqlAs(staffA, "{ importMappings(profile: \"dltb\") { id name } }").path("data").path("importMappings").valueStream()
                            .filter(m -> m.path("name").asString().equals("audit-" + run)).findFirst().orElseThrow().path("id").asString();
                    r = graphqlAs(staffA, "mutation { deleteImportMapping(id: \"" + id + "\") }");
                }
                case "CONTRACT" -> r = contractStep(c.getKey(), contractIds);
                case "HOMESTEAD" -> {
                    long hs = c.getKey().equals("withdrawHomestead") ? idleHomesteads.get(1) : idleHomesteads.get(0);
                    int v = jdbc.queryForObject("SELECT version FROM homestead WHERE id = ?", Integer.class, hs);
                    String agreement = "{ mode: COOPERATION, counterpartyKind: VILLAGE_COLLECTIVE, newUse: CULTURE, termStart: \"2026-01-01\" }";
                    r = graphqlAs(staffA, switch (c.getKey()) {
                        case "surveyHomestead" -> "mutation { surveyHomestead(id: \"" + hs + "\", input: { expectedVersion: " + v
                                + ", occupancy: IDLE, idleEvidence: VILLAGE_COMMITTEE }) { version } }";
                        case "listHomestead" -> "mutation { listHomestead(id: \"" + hs + "\", input: { expectedVersion: " + v
                                + ", consentOn: \"2026-01-01\", consentDocument: \"自愿申请 1号\" }) { version } }";
                        case "startHomesteadNegotiation" -> "mutation { startHomesteadNegotiation(id: \"" + hs + "\", expectedVersion: " + v
                                + ", agreement: " + agreement + ") { version } }";
                        case "revitalizeHomestead" -> "mutation { revitalizeHomestead(id: \"" + hs + "\", expectedVersion: " + v + ") { version } }";
                        default -> "mutation { withdrawHomestead(id: \"" + hs + "\", expectedVersion: " + v + ", reason: \"农户撤回\") { version } }";
                    });
                }
                case "IMPORT" -> {
                    String job = stageOneParcel("SEC" + c.getKey().charAt(0) + run);
                    r = graphqlAs(staffA, "mutation { " + c.getKey() + "(id: \"" + job + "\") { status } }");
                    jdbc.update("DELETE FROM land_parcel WHERE bsm = ?", "SEC" + c.getKey().charAt(0) + run);
                }
                default -> r = graphqlAs(c.getKey().startsWith("set") && !c.getKey().equals("setRateLimit") ? staffA : adminToken(),
                        c.getValue().replace("\"ID\"", "\"" + accountId + "\"").replace("\"TOKEN\"", "\"" + tokenId + "\"")
                                .replace("\"NEWLISTING\"", "\"" + newListing + "\"").replace("\"NEWPV\"", "\"" + newPvSite + "\""));
            }
            assertThat(r.path("errors").isMissingNode()).as(c.getKey() + ": " + r).isTrue();
            if (c.getKey().equals("createPvSite")) {
                newPvSite = r.path("data").path("createPvSite").path("id").asString();
            }
            if (c.getKey().equals("createListing")) {
                newListing = r.path("data").path("createListing").path("id").asString();
            }
            if (c.getKey().equals("createAccount")) {
                accountId = r.path("data").path("createAccount").path("id").asString();
            }
            if (c.getKey().equals("createApiToken")) {
                tokenId = graphqlAs(adminToken(), "{ apiTokens(accountId: \"" + accountId + "\") { id } }").path("data").path("apiTokens").get(0).path("id").asString();
            }
            long after = jdbc.queryForObject("SELECT count(*) FROM security.audit_log WHERE action = ?", Long.class, c.getKey());
            assertThat(after).as("audit record of " + c.getKey()).isGreaterThan(beforeCount);
        }
        // Who, when, from where, what, before and after; readable by administrators through GraphQL.
        JsonNode log = graphqlAs(adminToken(), "{ auditLog(filter: { action: \"setHomesteadRevitalizationStatus\", actor: \"" + staffAUser + "\" }, first: 1) "
                + "{ totalCount edges { node { at actor actorKind sourceIp action targetType targetId countyCode outcome before after } } } }");
        JsonNode entry = log.path("data").path("auditLog").path("edges").get(0).path("node");
        assertThat(entry.path("actorKind").asString()).isEqualTo("token");
        assertThat(entry.path("sourceIp").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.path("countyCode").asString()).isEqualTo(A);
        assertThat(entry.path("before").asString()).contains("revitalizationStatus");
        assertThat(entry.path("after").asString()).contains("复核");
        // Newest first (by number, not text), filtered by time; bad instants are refused with the argument named.
        JsonNode recent = graphqlAs(adminToken(), "{ auditLog(first: 30) { edges { node { id } } } }").path("data").path("auditLog").path("edges");
        for (int i = 1; i < recent.size(); i++) {
            assertThat(Long.parseLong(recent.get(i).path("node").path("id").asString()))
                    .isLessThan(Long.parseLong(recent.get(i - 1).path("node").path("id").asString()));
        }
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        assertThat(graphqlAs(adminToken(), "{ auditLog(filter: { from: \"" + now.minusHours(1) + "\", to: \"" + now.plusHours(1) + "\", action: \"setListingStatus\" }) { totalCount } }")
                .path("data").path("auditLog").path("totalCount").asInt()).isPositive();
        assertThat(graphqlAs(adminToken(), "{ auditLog(filter: { from: \"" + now.plusHours(1) + "\" }) { totalCount } }")
                .path("data").path("auditLog").path("totalCount").asInt()).isZero();
        JsonNode badInstant = graphqlAs(adminToken(), "{ auditLog(filter: { from: \"yesterday\" }) { totalCount } }");
        assertThat(code(badInstant)).isEqualTo("BAD_USER_INPUT");
        assertThat(badInstant.path("errors").get(0).path("message").asString()).contains("yesterday");
        // Append-only, whoever connects.
        assertThatThrownBy(() -> jdbc.update("UPDATE security.audit_log SET actor = 'eve' WHERE id = (SELECT max(id) FROM security.audit_log)"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM security.audit_log")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE security.audit_log")).hasMessageContaining("append-only");
        assertThat(graphqlAs(adminToken(), "mutation { setListingStatus(id: \"" + listing + "\", status: LISTED, reason: \"复原\", expectedVersion: "
                + jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, listing) + ") { status } }").toString())
                .contains("\"LISTED\"");
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void multiRowChangesAreAllOrNothingAndConcurrentChangesSerialize() throws Exception {
        List<Long> ids = jdbc.queryForList("SELECT id FROM homestead WHERE county_code = ? ORDER BY id OFFSET 10 LIMIT 40", Long.class, A);
        Map<Long, String> before = new LinkedHashMap<>();
        ids.forEach(i -> before.put(i, revitalizationOf(i)));
        List<String> mixed = new ArrayList<>(ids.stream().map(String::valueOf).toList());
        mixed.add(String.valueOf(homesteadIn(B, 5)));
        assertThat(code(graphqlAs(staffA, "mutation($ids: [ID!]!) { setHomesteadRevitalizationStatus(ids: $ids, status: REVITALIZED, reason: \"批量\") { id } }",
                Map.of("ids", mixed)))).isEqualTo("FORBIDDEN");
        List<String> missing = new ArrayList<>(ids.stream().map(String::valueOf).toList());
        missing.add("999999999");
        JsonNode notFound = graphqlAs(staffA, "mutation($ids: [ID!]!) { setHomesteadRevitalizationStatus(ids: $ids, status: REVITALIZED, reason: \"批量\") { id } }",
                Map.of("ids", missing));
        assertThat(code(notFound)).isEqualTo("NOT_FOUND");
        assertThat(notFound.path("errors").get(0).path("message").asString()).contains("999999999");
        ids.forEach(i -> assertThat(revitalizationOf(i)).isEqualTo(before.get(i)));
        assertThat(code(graphqlAs(staffA, "mutation { setHomesteadRevitalizationStatus(ids: [\"" + ids.get(0) + "\"], status: LISTED, reason: \"  \") { id } }")))
                .isEqualTo("BAD_USER_INPUT");

        // Two staff members change the same 40 parcels at once: both succeed one after the other, and the audit
        // trail of each parcel is a chain (the second change's "before" is the first change's "after").
        List<String> idStrings = ids.stream().map(String::valueOf).toList();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<JsonNode>> jobs = List.of(
                    () -> graphqlAs(staffA, "mutation($ids: [ID!]!) { setHomesteadRevitalizationStatus(ids: $ids, status: LISTED, reason: \"并发一\") { id } }", Map.of("ids", idStrings)),
                    () -> graphqlAs(staffAPersonal, "mutation($ids: [ID!]!) { setHomesteadRevitalizationStatus(ids: $ids, status: REVITALIZED, reason: \"并发二\") { id } }", Map.of("ids", idStrings)));
            for (Future<JsonNode> f : pool.invokeAll(jobs)) {
                assertThat(f.get().path("errors").isMissingNode()).as(f.get().toString()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        String last = revitalizationOf(ids.get(0));
        ids.forEach(i -> assertThat(revitalizationOf(i)).isEqualTo(last));
        List<Map<String, Object>> chain = jdbc.queryForList("""
                SELECT before->>'revitalizationStatus' AS b, after->>'revitalizationStatus' AS a FROM security.audit_log
                WHERE action = 'setHomesteadRevitalizationStatus' AND target_id = ? AND detail IS NULL ORDER BY id DESC LIMIT 2""", String.valueOf(ids.get(5)));
        assertThat(chain.get(0).get("b")).isEqualTo(chain.get(1).get("a"));
        for (Map.Entry<Long, String> e : before.entrySet()) {
            jdbc.update("UPDATE homestead SET revitalization_status = ? WHERE id = ?", e.getValue(), e.getKey());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    @Test
    void hostileRequestsAreRefusedCleanly() {
        String evil = "x'; DROP TABLE land_parcel; -- \\\" ) OR 1=1 /*";
        String json = Http.JSON.writeValueAsString(evil);
        List<String> queries = List.of(
                "{ parcels(filter: { adminCode: " + json + " }) { totalCount } }",
                "{ parcelByBsm(bsm: " + json + ") { id } }",
                "{ parcels(first: 5, after: " + json + ") { totalCount } }",
                "{ adminUnits(nameContains: " + json + ") { code } }",
                "{ settlements(nameContains: " + json + ") { name } }",
                "{ circulationListings(filter: { adminCode: " + json + " }) { totalCount } }",
                "{ pointsOfInterest(countyCode: " + json + ") { totalCount } }");
        for (String q : queries) {
            JsonNode r = graphql(q);
            assertThat(r.path("errors").isMissingNode() ? "none" : code(r)).as(q).isIn("none", "BAD_USER_INPUT", "NOT_FOUND");
        }
        JsonNode asStaff = graphqlAs(staffA, "{ transferees(nameContains: " + json + ") { totalCount } }");
        assertThat(asStaff.path("data").path("transferees").path("totalCount").asInt()).isZero();
        JsonNode reason = graphqlAs(staffA, "mutation { setHomesteadRevitalizationStatus(ids: [\"" + homesteadIn(A, 9) + "\"], status: "
                + revitalizationOf(homesteadIn(A, 9)).toUpperCase() + ", reason: " + json + ") { id } }");
        assertThat(reason.path("errors").isMissingNode()).isTrue();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel", Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT after->>'reason' FROM security.audit_log WHERE action = 'setHomesteadRevitalizationStatus' ORDER BY id DESC LIMIT 1",
                String.class)).isEqualTo(evil.strip());

        // Alias and fragment bombs.
        StringBuilder aliases = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            aliases.append(" a").append(i).append(": parcels(first: 1000) { edges { node { id bsm geometry } } }");
        }
        assertThat(code(graphql(aliases.append(" }").toString()))).isEqualTo("TOO_COMPLEX");
        StringBuilder fragments = new StringBuilder("query { parcels(first: 1000) { edges { node { ...F0 } } } }");
        for (int i = 0; i < 30; i++) {
            fragments.append(" fragment F").append(i).append(" on Parcel { id bsm ...F").append(i + 1).append(" ...F").append(i + 1).append(" }");
        }
        fragments.append(" fragment F30 on Parcel { id }");
        assertThat(code(graphql(fragments.toString()))).isIn("TOO_COMPLEX", "BAD_USER_INPUT");
        assertThat(code(graphql("query { ...Q } fragment Q on Query { ...Q }"))).isEqualTo("BAD_USER_INPUT");
        // Oversized bodies.
        HttpResponse<String> big = Http.post(port, "/graphql", "{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "x".repeat(400_000) + "\"}}", "application/json",
                "Authorization", "Bearer " + staffA);
        assertThat(big.statusCode()).isEqualTo(413);
    }
}
