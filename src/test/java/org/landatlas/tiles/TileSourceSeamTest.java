package org.landatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.GeometryFactory;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.security.PublicRows;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The tile-source seam: a layer declared only here, as a bean, is listed and served with nothing changed in the
 * tiles module; the layer order is the features' @Order; a table's change notification evicts exactly the layers
 * that declare that table.
 */
@Import(TileSourceSeamTest.SettlementLayer.class)
class TileSourceSeamTest extends IntegrationTest {

    /** A layer over a table the tiles module has never heard of, with public rows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SettlementLayer {
        @Bean
        TileSource settlementTiles() {
            return TableTileSource.builder("test_settlements")
                    .title("Settlements (test)")
                    .description("Settlements; the public sees county seats only.")
                    .points("settlement t", "t.geom")
                    .zooms(6, 22)
                    .attribute("id", "t.id")
                    .attribute("name", "t.name")
                    .attribute("kind", "t.kind")
                    .filter("kind", TileFilter.values("t.kind", "county_seat", "township_seat", "village", "hamlet"))
                    .filter("admin_code", TileFilter.adminCode("rpad(t.county_code, 12, '0')"))
                    .invalidatedBy("settlement")
                    .publicRows(new PublicRows("t.kind = 'county_seat'", "t.county_code"))
                    .build();
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TileService tiles;

    /** The tile of a point, as a map client computes it. */
    private static int[] tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    @Test
    void theCatalogueListsTheFeaturesLayersInTheirOrderAndATestLayerLast() {
        JsonNode cat = Http.JSON.readTree(Http.get(port, "/tiles").body());
        List<String> names = cat.path("layers").valueStream().map(l -> l.path("name").asString()).toList();
        assertThat(names).containsExactly("parcels", "counties", "townships", "villages", "admin_labels", "high_standard_farmland",
                "protection_zones", "belts", "circulation_listings", "circulation_contracts", "circulation_supervision", "pv_sites", "transformers", "homesteads", "roads", "pois", "test_settlements");
        JsonNode test = cat.path("layers").get(names.size() - 1);
        assertThat(test.path("geometryType").asString()).isEqualTo("point");
        assertThat(test.path("fields").toString()).isEqualTo("[\"id\",\"name\",\"kind\"]");
        assertThat(test.path("filters").path("kind").toString()).isEqualTo("[\"county_seat\",\"hamlet\",\"township_seat\",\"village\"]");
        JsonNode tj = Http.JSON.readTree(Http.get(port, "/tiles/test_settlements.json").body());
        assertThat(tj.path("tiles").get(0).asString()).endsWith("/tiles/test_settlements/{z}/{x}/{y}.mvt");
        assertThat(tj.path("vector_layers").get(0).path("fields").has("kind")).isTrue();
        assertThat(tj.path("minzoom").asInt()).isEqualTo(6);
    }

    @Test
    void aLayerDeclaredOutsideTheTilesModuleIsServedWithItsPublicRows() throws Exception {
        Map<String, Object> seat = jdbc.queryForMap("SELECT ST_X(geom) AS x, ST_Y(geom) AS y, county_code FROM settlement WHERE kind = 'county_seat' ORDER BY id LIMIT 1");
        int[] t = tileOf(((Number) seat.get("x")).doubleValue(), ((Number) seat.get("y")).doubleValue(), 9);
        String path = "/tiles/test_settlements/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
        HttpResponse<byte[]> pub = Http.get(port, path);
        HttpResponse<byte[]> admin = Http.get(port, path, "Authorization", "Bearer " + adminToken());
        assertThat(pub.statusCode()).isEqualTo(200);
        assertThat(admin.statusCode()).isEqualTo(200);
        Set<Object> publicKinds = kinds(decode(pub.body(), "test_settlements"));
        Set<Object> allKinds = kinds(decode(admin.body(), "test_settlements"));
        assertThat(publicKinds).containsExactly("county_seat");
        assertThat(allKinds).contains("county_seat").hasSizeGreaterThan(1);
        // Rows that depend on the viewer: private to HTTP caches, varying with the credentials.
        assertThat(pub.headers().firstValue("Cache-Control").orElse("")).contains("private");
        assertThat(pub.headers().firstValue("Vary").orElse("")).contains("Authorization");
        // Its filters are checked like any layer's.
        HttpResponse<byte[]> bad = Http.get(port, path + "?kind=castle");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body())).contains("'castle' is not one of county_seat, hamlet, township_seat, village");
        JtsLayer seats = decode(Http.get(port, path + "?kind=township_seat,county_seat", "Authorization", "Bearer " + adminToken()).body(),
                "test_settlements");
        assertThat(kinds(seats)).isSubsetOf("township_seat", "county_seat");
    }

    @Test
    void aLayerWithoutPublicRowsIsSharedByEveryone() {
        HttpResponse<byte[]> r = Http.get(port, "/tiles/roads/3/6/3.mvt");
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).contains("public").doesNotContain("private");
    }

    @Test
    void aTablesNotificationEvictsTheLayersThatDeclareIt() throws Exception {
        // PV sites and transformers declare pv_site; roads do not.
        Map<String, Object> site = jdbc.queryForMap("SELECT id, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM pv_site ORDER BY id LIMIT 1");
        int[] t = tileOf(((Number) site.get("x")).doubleValue(), ((Number) site.get("y")).doubleValue(), 14);
        fill(t);
        jdbc.update("UPDATE pv_site SET capacity_kw = capacity_kw WHERE id = ?", site.get("id"));
        awaitEvicted("transformers", t);
        assertThat(cached("transformers", t)).isFalse();
        assertThat(cached("pv_sites", t)).isFalse();
        assertThat(cached("roads", t)).isTrue();

        // A transformer's change: transformers only.
        Map<String, Object> tr = jdbc.queryForMap("SELECT id, ST_X(geom) AS x, ST_Y(geom) AS y FROM distribution_transformer ORDER BY id LIMIT 1");
        int[] u = tileOf(((Number) tr.get("x")).doubleValue(), ((Number) tr.get("y")).doubleValue(), 14);
        fill(u);
        jdbc.update("UPDATE distribution_transformer SET name = name WHERE id = ?", tr.get("id"));
        awaitEvicted("transformers", u);
        assertThat(cached("transformers", u)).isFalse();
        assertThat(cached("pv_sites", u)).isTrue();
        assertThat(cached("roads", u)).isTrue();
    }

    /** Asks for the z14 tile in the three layers, so each is cached. */
    private void fill(int[] t) {
        for (String layer : List.of("pv_sites", "transformers", "roads")) {
            assertThat(Http.get(port, "/tiles/" + layer + "/14/" + t[1] + "/" + t[2] + ".mvt").statusCode()).isIn(200, 204);
            assertThat(cached(layer, t)).as(layer).isTrue();
        }
    }

    /** The notification reaches the listener asynchronously. */
    private void awaitEvicted(String layer, int[] t) throws InterruptedException {
        for (int i = 0; i < 100 && cached(layer, t); i++) {
            Thread.sleep(50);
        }
    }

    private boolean cached(String layer, int[] t) {
        return tiles.cache().get(new TileCache.Key(layer, 14, t[1], t[2], "{}")) != null;
    }

    private static JtsLayer decode(byte[] mvt, String layer) throws java.io.IOException {
        return MvtReader.loadMvt(new ByteArrayInputStream(mvt), new GeometryFactory(), new TagKeyValueMapConverter(false, "fid")).getLayer(layer);
    }

    private static Set<Object> kinds(JtsLayer layer) {
        Set<Object> kinds = new HashSet<>();
        layer.getGeometries().forEach(g -> kinds.add(((Map<?, ?>) g.getUserData()).get("kind")));
        return kinds;
    }
}
