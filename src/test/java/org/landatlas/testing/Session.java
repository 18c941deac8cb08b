package org.landatlas.testing;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A browser-like client for tests: keeps cookies, fetches the CSRF token and sends it back like the web map. */
public final class Session {

    private final int port;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;
    private String csrf;

    public Session(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
        refresh();
    }

    /** Signs in (throws when refused). */
    public static Session signIn(int port, String username, String password) {
        Session s = new Session(port);
        HttpResponse<String> r = s.login(username, password);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in as " + username + " refused: " + r.statusCode() + " " + r.body());
        }
        return s;
    }

    /** GET /auth/session: who am I, and a fresh CSRF token. */
    public JsonNode refresh() {
        JsonNode j = Http.JSON.readTree(send(HttpRequest.newBuilder(uri("/auth/session")).GET(), true).body());
        csrf = j.path("csrfToken").asString();
        return j;
    }

    public HttpResponse<String> login(String username, String password) {
        HttpResponse<String> r = postJson("/auth/login", Map.of("username", username, "password", password), true);
        refresh();
        return r;
    }

    public HttpResponse<String> postJson(String path, Object body, boolean withCsrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body)));
        return send(b, withCsrf);
    }

    public JsonNode graphql(String query) {
        return graphql(query, Map.of());
    }

    public JsonNode graphql(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpResponse<String> r = postJson("/graphql", body, true);
        return Http.JSON.readTree(r.body());
    }

    public HttpResponse<byte[]> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> send(HttpRequest.Builder b, boolean withCsrf) {
        if (withCsrf && csrf != null && !csrf.isEmpty()) {
            b.header("X-XSRF-TOKEN", csrf);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of a cookie this client holds, or null. */
    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue)
                .findFirst().orElse(null);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
