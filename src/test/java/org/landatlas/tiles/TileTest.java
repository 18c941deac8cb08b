package org.landatlas.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.VectorTiles;

/** Vector tiles decoded as a map client would: geometry, attributes, seams, caching and invalidation. */
class TileTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    static int[] tileOf(double lon, double lat, int z) {
        int n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * n);
        return new int[] {z, x, y};
    }

    private HttpResponse<byte[]> get(String path, String... headers) {
        return Http.get(port, path, headers);
    }

    private double[] parcelCentre(String where) {
        return jdbc.queryForObject("SELECT ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) FROM land_parcel WHERE " + where + " ORDER BY id LIMIT 1",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)});
    }

    @Test
    void catalogueAndTileJson() {
        JsonNode cat = Http.JSON.readTree(new String(get("/tiles").body()));
        assertThat(cat.path("layers").toString()).contains("parcels", "villages", "high_standard_farmland", "protection_zones", "belts",
                "circulation_listings", "pv_sites", "transformers", "homesteads", "roads", "counties", "townships");
        JsonNode tj = Http.JSON.readTree(new String(get("/tiles/parcels.json").body()));
        assertThat(tj.path("tilejson").asString()).isEqualTo("3.0.0");
        assertThat(tj.path("tiles").get(0).asString()).endsWith("/tiles/parcels/{z}/{x}/{y}.mvt");
        assertThat(tj.path("bounds").get(0).asDouble()).isBetween(99.0, 100.0);
        assertThat(tj.path("vector_layers").get(0).path("fields").has("class_group")).isTrue();
    }

    @Test
    void parcelTileHasGeometryInsideTheBufferedExtentAndItsAttributes() throws Exception {
        double[] c = parcelCentre("county_code = '533401' AND dlbm = '0103'");
        int[] t = tileOf(c[0], c[1], 15);
        HttpResponse<byte[]> r = get("/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/vnd.mapbox-vector-tile");
        assertThat(r.headers().firstValue("Content-Length").orElse("")).isEqualTo(String.valueOf(r.body().length));
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-cache, public");
        assertThat(r.headers().firstValue("Vary").orElse("")).isEqualTo("Accept-Encoding");
        // Asked for gzip, the same tile comes compressed, with the same ETag.
        HttpResponse<byte[]> zipped = get("/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt", "Accept-Encoding", "gzip");
        assertThat(zipped.headers().firstValue("Content-Encoding").orElse("")).isEqualTo("gzip");
        assertThat(zipped.headers().firstValue("ETag")).isEqualTo(r.headers().firstValue("ETag"));
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(r.body());
        }
        JtsLayer layer = VectorTiles.decode(r.body(), "parcels");
        assertThat(layer.getExtent()).isEqualTo(4096);
        assertThat(layer.getGeometries()).isNotEmpty();
        Envelope buffered = new Envelope(-256, 4096 + 256, -256, 4096 + 256);
        for (Geometry g : layer.getGeometries()) {
            assertThat(buffered.contains(g.getEnvelopeInternal())).isTrue();
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) g.getUserData();
            assertThat(props).containsKeys("class_group", "dlbm", "circulation", "bsm", "area_mu", "pbf", "fid");
        }
        // The features are the parcels that really intersect the tile.
        long fids = layer.getGeometries().stream().map(g -> ((Map<?, ?>) g.getUserData()).get("fid")).distinct().count();
        Integer expected = jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel WHERE ST_Intersects(ST_Transform(geom, 3857), ST_TileEnvelope(?, ?, ?, margin => 0.0625))""",
                Integer.class, t[0], t[1], t[2]);
        assertThat(fids).isEqualTo(expected.longValue());
    }

    @Test
    void neighbouringTilesOverlapInTheirBuffersSoThereAreNoSeams() throws Exception {
        // A parcel cut by a tile edge appears in both tiles and reaches into each one's buffer.
        int z = 15;
        List<Map<String, Object>> candidates = jdbc.queryForList("""
                SELECT id, ST_X(ST_PointOnSurface(geom)) AS x, ST_Y(ST_PointOnSurface(geom)) AS y FROM land_parcel
                WHERE county_code = '150627' ORDER BY id LIMIT 400""");
        for (Map<String, Object> cand : candidates) {
            int[] a = tileOf(((Number) cand.get("x")).doubleValue(), ((Number) cand.get("y")).doubleValue(), z);
            JtsLayer left = VectorTiles.decode(get("/tiles/parcels/" + z + "/" + a[1] + "/" + a[2] + ".mvt").body(), "parcels");
            HttpResponse<byte[]> rightTile = get("/tiles/parcels/" + z + "/" + (a[1] + 1) + "/" + a[2] + ".mvt");
            if (rightTile.statusCode() != 200) {
                continue;
            }
            JtsLayer right = VectorTiles.decode(rightTile.body(), "parcels");
            Map<Object, Geometry> inRight = new HashMap<>();
            right.getGeometries().forEach(g -> inRight.put(((Map<?, ?>) g.getUserData()).get("fid"), g));
            for (Geometry g : left.getGeometries()) {
                Geometry other = inRight.get(((Map<?, ?>) g.getUserData()).get("fid"));
                if (other != null && g.getEnvelopeInternal().getMaxX() > 4096 && other.getEnvelopeInternal().getMinX() < 0) {
                    // Shift the right tile's part into the left tile's frame: the two parts overlap, no gap.
                    Geometry shifted = org.locationtech.jts.geom.util.AffineTransformation.translationInstance(4096, 0).transform(other);
                    assertThat(g.intersects(shifted)).isTrue();
                    assertThat(g.intersection(shifted).getArea()).isPositive();
                    return;
                }
            }
        }
        throw new AssertionError("no parcel crossing a tile edge found");
    }

    @Test
    void wholeCountyTilesAtLowZoomAreSmall() throws Exception {
        for (int z : new int[] {8, 9, 10}) {
            double[] c = parcelCentre("county_code = '150627'");
            int[] t = tileOf(c[0], c[1], z);
            HttpResponse<byte[]> r = get("/tiles/parcels/" + z + "/" + t[1] + "/" + t[2] + ".mvt");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body().length).as("z%d tile bytes", z).isLessThan(50_000);
            JtsLayer layer = VectorTiles.decode(r.body(), "parcels");
            assertThat(layer.getGeometries()).isNotEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) layer.getGeometries().iterator().next().getUserData();
            assertThat(props).containsKeys("class_group", "village_code", "parcels");
        }
    }

    @Test
    void otherLayersAndFilters() throws Exception {
        double[] c = parcelCentre("county_code = '331126'");
        int[] t = tileOf(c[0], c[1], 12);
        String xyz = t[0] + "/" + t[1] + "/" + t[2];
        for (String layer : List.of("villages", "townships", "counties", "roads", "protection_zones", "belts", "admin_labels")) {
            HttpResponse<byte[]> r = get("/tiles/" + layer + "/" + xyz + ".mvt");
            assertThat(r.statusCode()).as(layer).isEqualTo(200);
            assertThat(VectorTiles.decode(r.body(), layer).getGeometries()).as(layer).isNotEmpty();
        }
        JtsLayer farmland = VectorTiles.decode(get("/tiles/parcels/" + xyz + ".mvt?class_group=farmland").body(), "parcels");
        assertThat(farmland.getGeometries()).allSatisfy(g -> assertThat(((Map<?, ?>) g.getUserData()).get("class_group")).isEqualTo("farmland"));
        assertThat(get("/tiles/parcels/" + xyz + ".mvt?admin_code=150627").statusCode()).isEqualTo(204);
    }

    @Test
    void badRequestsGet400WithAReasonAndEmptyTiles204() {
        Function<String, HttpResponse<byte[]>> g = this::get;
        assertThat(g.apply("/tiles/parcels/14/99999/1.mvt").statusCode()).isEqualTo(400);
        assertThat(new String(g.apply("/tiles/parcels/14/99999/1.mvt").body())).contains("x 99999 is outside");
        assertThat(g.apply("/tiles/parcels/23/0/0.mvt").statusCode()).isEqualTo(400);
        assertThat(g.apply("/tiles/parcels/-1/0/0.mvt").statusCode()).isEqualTo(400);
        assertThat(g.apply("/tiles/nope/1/1/1.mvt").statusCode()).isEqualTo(400);
        assertThat(new String(g.apply("/tiles/nope/1/1/1.mvt").body())).contains("unknown layer 'nope'");
        assertThat(g.apply("/tiles/parcels/10/1/1.mvt?class_group=bogus").statusCode()).isEqualTo(400);
        assertThat(g.apply("/tiles/parcels/10/1/1.mvt?colour=red").statusCode()).isEqualTo(400);
        assertThat(g.apply("/tiles/parcels/10/1/1.mvt?pbf=maybe").statusCode()).isEqualTo(400);
        assertThat(g.apply("/tiles/parcels/ten/1/1.mvt").statusCode()).isEqualTo(400);
        assertThat(g.apply("/tiles/parcels/3/0/0.mvt").statusCode()).isEqualTo(204);
    }

    @Test
    void cachedTilesRevalidateAndAnEditInvalidatesExactlyTheTilesUnderIt() throws Exception {
        long id = jdbc.queryForObject("SELECT id FROM land_parcel WHERE county_code = '150724' AND dlbm = '0401' ORDER BY id LIMIT 1", Long.class);
        double[] c = parcelCentre("id = " + id);
        int[] t = tileOf(c[0], c[1], 16);
        String path = "/tiles/parcels/" + t[0] + "/" + t[1] + "/" + t[2] + ".mvt";
        String farPath = "/tiles/parcels/16/0/0.mvt";
        HttpResponse<byte[]> first = get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");
        assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
        try {
            jdbc.update("UPDATE land_parcel SET dlbm = '0403', dlmc = '人工牧草地' WHERE id = ?", id);
            // The notification reaches the listener asynchronously; a changed tile must show up within seconds.
            String newEtag = etag;
            for (int i = 0; i < 50 && newEtag.equals(etag); i++) {
                Thread.sleep(100);
                newEtag = get(path).headers().firstValue("ETag").orElseThrow();
            }
            assertThat(newEtag).isNotEqualTo(etag);
            assertThat(get(path, "If-None-Match", etag).statusCode()).isEqualTo(200);
            JtsLayer layer = VectorTiles.decode(get(path).body(), "parcels");
            List<Object> classes = layer.getGeometries().stream().filter(g -> ((Map<?, ?>) g.getUserData()).get("fid").equals(id))
                    .map(g -> (Object) ((Map<?, ?>) g.getUserData()).get("dlbm")).toList();
            assertThat(classes).contains("0403");
            assertThat(get(farPath).statusCode()).isEqualTo(204);
        } finally {
            jdbc.update("UPDATE land_parcel SET dlbm = '0401', dlmc = '天然牧草地' WHERE id = ?", id);
        }
    }
}
