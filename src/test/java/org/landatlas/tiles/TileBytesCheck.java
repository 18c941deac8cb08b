package org.landatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.landatlas.Http;
import org.landatlas.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A by-hand check that a change to the tile code leaves every answer byte for byte as it was: run once with the
 * old code to record, then with the new code to compare (same data). Runs only when asked:
 * {@code -Dlandatlas.tiles.bytes=/some/dir -Dtest=TileBytesCheck}. An empty directory records; a filled one
 * compares and fails on the first difference, listing all of them.
 *
 * <p>It asks for every layer over each demo county at several zooms (inside and outside the layers' ranges), with
 * and without each filter, as the public, as staff of one county and as an administrator (gzip), plus the
 * catalogue, every TileJSON and a few refused requests; it records status, ETag, caching headers and body.
 */
@EnabledIfSystemProperty(named = "landatlas.tiles.bytes", matches = ".+")
class TileBytesCheck extends IntegrationTest {

    private static final int[] ZOOMS = {3, 5, 8, 10, 11, 12, 13, 14, 16};
    private static final int[] FILTER_ZOOMS = {10, 12, 14};

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void tilesAreByteIdenticalToTheRecordedOnes() throws IOException {
        Path dir = Path.of(System.getProperty("landatlas.tiles.bytes"));
        Files.createDirectories(dir);
        boolean record;
        try (var files = Files.list(dir)) {
            record = files.findAny().isEmpty();
        }
        Map<String, byte[]> answers = answers();
        if (record) {
            for (Map.Entry<String, byte[]> a : answers.entrySet()) {
                Files.write(dir.resolve(a.getKey()), a.getValue());
            }
            System.out.println("TileBytesCheck: recorded " + answers.size() + " answers in " + dir);
            return;
        }
        int same = 0;
        int nonEmptyTiles = 0;
        List<String> differ = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, byte[]> a : answers.entrySet()) {
            Path f = dir.resolve(a.getKey());
            if (!Files.exists(f)) {
                missing.add(a.getKey());
            } else if (same(Files.readAllBytes(f), a.getValue())) {
                same++;
                if (a.getKey().endsWith(".mvt") && new String(a.getValue(), 0, 3, StandardCharsets.US_ASCII).equals("200")) {
                    nonEmptyTiles++;
                }
            } else {
                differ.add(a.getKey());
            }
        }
        System.out.println("TileBytesCheck: " + same + " of " + answers.size() + " answers identical (" + nonEmptyTiles
                + " non-empty tiles), " + differ.size() + " differ, " + missing.size() + " not recorded");
        assertThat(differ).as("answers that differ").isEmpty();
        assertThat(missing).as("answers not recorded").isEmpty();
    }

    /**
     * Byte for byte, except JSON bodies, which are compared as JSON: the server writes some objects from
     * {@code Map.of}, whose member order changes from one JVM to the next.
     */
    private static boolean same(byte[] recorded, byte[] now) {
        if (Arrays.equals(recorded, now)) {
            return true;
        }
        String[] a = new String(recorded, StandardCharsets.UTF_8).split("\n", 7);
        String[] b = new String(now, StandardCharsets.UTF_8).split("\n", 7);
        return a.length == 7 && b.length == 7 && a[5].contains("json") && Arrays.equals(a, 0, 6, b, 0, 6)
                && Http.JSON.readTree(a[6]).equals(Http.JSON.readTree(b[6]));
    }

    /** Every request of the check, by a file name that says what it asked, to status + headers + body. */
    private Map<String, byte[]> answers() {
        String staffA = staffToken("150627");
        Map<String, String[]> viewers = new LinkedHashMap<>();
        viewers.put("public", new String[] {});
        viewers.put("staffA", new String[] {"Authorization", "Bearer " + staffA});
        viewers.put("admin", new String[] {"Authorization", "Bearer " + adminToken(), "Accept-Encoding", "gzip"});

        Map<String, byte[]> out = new LinkedHashMap<>();
        JsonNode catalogue = Http.JSON.readTree(Http.get(port, "/tiles").body());
        out.put("catalogue.json", answer(Http.get(port, "/tiles")));
        List<double[]> places = jdbc.query("""
                SELECT c.code, ST_X(c.seat), ST_Y(c.seat), ST_X(p.pt), ST_Y(p.pt) FROM admin_unit c
                CROSS JOIN LATERAL (SELECT ST_PointOnSurface(geom) AS pt FROM land_parcel WHERE county_code = c.code ORDER BY id LIMIT 1) p
                WHERE c.level = 'county' ORDER BY c.code""",
                (rs, i) -> new double[] {rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), Double.parseDouble(rs.getString(1))});
        for (JsonNode layer : catalogue.path("layers")) {
            String name = layer.path("name").asString();
            out.put(name + ".tilejson", answer(Http.get(port, "/tiles/" + name + ".json")));
            // Filters with one value each, as a client would send them.
            Map<String, String> filters = new LinkedHashMap<>();
            layer.path("filters").properties().forEach(f -> {
                JsonNode v = f.getValue();
                if (v.isArray()) {
                    filters.put(f.getKey(), v.get(0).asString());
                    if (v.size() > 2) {
                        filters.put(f.getKey() + "#2", v.get(1).asString() + "," + v.get(2).asString());
                    }
                }
            });
            for (double[] place : places) {
                String county = String.valueOf((long) place[4]);
                filters.put("admin_code", county);
                for (int z : ZOOMS) {
                    for (int at = 0; at < 2; at++) {
                        int[] t = TileMathForTests.tileOf(place[at * 2], place[at * 2 + 1], z);
                        String xyz = z + "/" + t[1] + "/" + t[2];
                        for (Map.Entry<String, String[]> v : viewers.entrySet()) {
                            out.put(file(name, xyz, "", v.getKey()), answer(Http.get(port, "/tiles/" + name + "/" + xyz + ".mvt", v.getValue())));
                            if (Arrays.stream(FILTER_ZOOMS).anyMatch(fz -> fz == z)) {
                                for (Map.Entry<String, String> f : filters.entrySet()) {
                                    String q = f.getKey().replace("#2", "") + "=" + f.getValue();
                                    out.put(file(name, xyz, q, v.getKey()), answer(Http.get(port, "/tiles/" + name + "/" + xyz + ".mvt?" + q, v.getValue())));
                                }
                            }
                        }
                    }
                }
                // All filters at once (parcels: the detail path below zoom 12 too).
                StringBuilder all = new StringBuilder();
                filters.forEach((k, v) -> {
                    if (!k.endsWith("#2")) {
                        all.append(all.isEmpty() ? "" : "&").append(k).append('=').append(v);
                    }
                });
                for (int z : new int[] {10, 14}) {
                    int[] t = TileMathForTests.tileOf(place[2], place[3], z);
                    String xyz = z + "/" + t[1] + "/" + t[2];
                    out.put(file(name, xyz, all.toString(), "staffA"), answer(Http.get(port, "/tiles/" + name + "/" + xyz + ".mvt?" + all, viewers.get("staffA"))));
                }
            }
            // Refused requests: their statuses and messages.
            for (String bad : List.of("?bogus=1", "?admin_code=12", "?admin_code=abcdef")) {
                out.put(file(name, "12/3000/1600", bad, "public"), answer(Http.get(port, "/tiles/" + name + "/12/3000/1600.mvt" + bad)));
            }
            layer.path("filters").properties().forEach(f -> {
                String q = "?" + f.getKey() + "=nope";
                out.put(file(name, "12/3000/1600", q, "public"), answer(Http.get(port, "/tiles/" + name + "/12/3000/1600.mvt" + q)));
                out.put(file(name, "2/0/0", q, "public"), answer(Http.get(port, "/tiles/" + name + "/2/0/0.mvt" + q)));
            });
        }
        out.put("unknown.mvt", answer(Http.get(port, "/tiles/nope/1/1/1.mvt")));
        out.put("unknown.tilejson", answer(Http.get(port, "/tiles/nope.json")));
        out.put("badzoom.mvt", answer(Http.get(port, "/tiles/parcels/23/0/0.mvt")));
        return out;
    }

    private static String file(String layer, String xyz, String query, String viewer) {
        return (layer + "_" + xyz + "_" + query + "_" + viewer).replaceAll("[^A-Za-z0-9_.,=-]", "~") + ".mvt";
    }

    /** Status, the headers that matter, then the body (the server's port taken out of URLs). */
    private byte[] answer(HttpResponse<byte[]> r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String head = r.statusCode() + "\n" + header(r, "ETag") + "\n" + header(r, "Cache-Control") + "\n" + header(r, "Vary") + "\n"
                + header(r, "Content-Encoding") + "\n" + header(r, "Content-Type") + "\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        String type = header(r, "Content-Type");
        if (type.contains("json")) {
            out.writeBytes(new String(r.body(), StandardCharsets.UTF_8).replace(":" + port + "/", ":PORT/").getBytes(StandardCharsets.UTF_8));
        } else {
            out.writeBytes(r.body());
        }
        return out.toByteArray();
    }

    private static String header(HttpResponse<?> r, String name) {
        return String.join(", ", r.headers().allValues(name));
    }

    private String staffToken(String county) {
        String user = "bytes-" + Long.toString(System.currentTimeMillis(), 36);
        String id = graphqlAs(adminToken(), "mutation($i: NewAccountInput!) { createAccount(input: $i) { id } }",
                Map.of("i", Map.of("username", user, "role", "STAFF", "counties", List.of(county), "personalData", false, "password", "Staff-pw-for-tests-7")))
                .path("data").path("createAccount").path("id").asString();
        return graphqlAs(adminToken(), "mutation { createApiToken(accountId: \"" + id + "\", name: \"bytes\") { secret } }")
                .path("data").path("createApiToken").path("secret").asString();
    }

    /** The tile of a point, as a map client computes it. */
    static final class TileMathForTests {
        static int[] tileOf(double lon, double lat, int z) {
            int n = 1 << z;
            int x = (int) Math.floor((lon + 180) / 360 * n);
            int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
            return new int[] {z, x, y};
        }
    }
}
