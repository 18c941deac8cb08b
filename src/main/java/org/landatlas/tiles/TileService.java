package org.landatlas.tiles;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Makes Mapbox Vector Tiles with PostGIS ST_AsMVT from CGCS2000 data: tiles are buffered (no seams between
 * neighbours), low zooms of the parcel layer come from the dissolved overview, small features are dropped below
 * a pixel, and tiles are cached in memory until the data under them changes.
 */
@Service
class TileService {

    /** Tile extent and buffer in tile units: 256/4096 = 1/16 of a tile on every side. */
    static final int EXTENT = 4096;
    static final int BUFFER = 256;

    private final NamedParameterJdbcTemplate jdbc;
    private final JdbcTemplate plain;
    private final TileCache cache;

    TileService(NamedParameterJdbcTemplate jdbc, JdbcTemplate plain, @Value("${landatlas.tiles.cache-mb:256}") long cacheMb) {
        this.jdbc = jdbc;
        this.plain = plain;
        this.cache = new TileCache(cacheMb * 1024 * 1024);
    }

    TileCache cache() {
        return cache;
    }

    static TileLayer layer(String name) {
        TileLayer layer = TileLayers.ALL.get(name);
        if (layer == null) {
            throw ApiException.badInput("layer", "unknown layer '" + name + "'; layers: " + String.join(", ", TileLayers.ALL.keySet()));
        }
        return layer;
    }

    static void checkTile(int z, int x, int y) {
        if (z < 0 || z > TileMath.MAX_ZOOM) {
            throw ApiException.badInput("z", "zoom " + z + " is outside 0–" + TileMath.MAX_ZOOM);
        }
        long n = 1L << z;
        if (x < 0 || x >= n) {
            throw ApiException.badInput("x", "x " + x + " is outside 0–" + (n - 1) + " at zoom " + z);
        }
        if (y < 0 || y >= n) {
            throw ApiException.badInput("y", "y " + y + " is outside 0–" + (n - 1) + " at zoom " + z);
        }
    }

    /**
     * Rows the public sees in layers that also hold non-public rows (the same rules as the GraphQL queries):
     * listed land, and homesteads offered for revitalization. Staff see every row of their counties.
     */
    static final Map<String, String> PUBLIC_ROWS = Map.of(
            "circulation_listings", "t.status IN ('listed', 'negotiating')",
            "homesteads", "t.revitalization_status IN ('offered', 'negotiating')");

    /** The tile, from the cache or made now; an empty tile has zero bytes. */
    TileCache.Entry tile(TileLayer layer, int z, int x, int y, Map<String, String> params) {
        checkTile(z, x, y);
        Map<String, String> filters = new TreeMap<>(params);
        for (String p : filters.keySet()) {
            if (!layer.filters().containsKey(p)) {
                throw ApiException.badInput(p, "unknown filter for layer " + layer.name() + " (filters: " + String.join(", ", layer.filters().keySet()) + ")");
            }
        }
        // Layers whose rows depend on who asks are cached per access (public, each staff scope, admin).
        String access = PUBLIC_ROWS.containsKey(layer.name()) ? "|" + Viewer.current().accessKey() : "";
        TileCache.Key key = new TileCache.Key(layer.name(), z, x, y, filters + access);
        TileCache.Entry hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        long generation = cache.generation(layer.name());
        byte[] mvt = z < layer.minZoom() || z > layer.maxZoom() ? new byte[0] : render(layer, z, x, y, filters);
        TileCache.Entry entry = new TileCache.Entry(mvt, etag(mvt));
        cache.put(key, entry, generation);
        return entry;
    }

    private byte[] render(TileLayer layer, int z, int x, int y, Map<String, String> filters) {
        boolean overview = layer.name().equals("parcels") && z < TileLayers.PARCEL_DETAIL_ZOOM
                && filters.keySet().stream().allMatch(f -> f.equals("admin_code") || f.equals("class_group"));
        SqlWhere w = new SqlWhere();
        String from;
        String geom;
        String index;
        String fid;
        String attrs;
        if (overview) {
            refreshOverviewIfStale();
            from = "parcel_overview t";
            geom = z <= 9 ? "t.geom_z7" : z == 10 ? "t.geom_z9" : "t.geom_z11";
            index = "t.geom";
            fid = "t.id";
            attrs = "t.class_group AS class_group, t.village_code AS village_code, round(t.area_mu::numeric)::float8 AS area_mu, t.parcel_count AS parcels";
            if (filters.containsKey("admin_code")) {
                adminCode(w, filters.get("admin_code"), "t.village_code");
            }
            if (filters.containsKey("class_group")) {
                w.in(values(layer, "class_group", filters.get("class_group")), "t.class_group", false);
            }
        } else {
            from = layer.from();
            geom = layer.geomColumn();
            index = layer.geomColumn();
            fid = layer.sourceTable().equals("admin_unit") ? "t.code::bigint" : "t.id";
            List<String> cols = new ArrayList<>();
            layer.attributesAt(z).forEach((name, sql) -> cols.add(sql + " AS " + name));
            attrs = String.join(", ", cols);
            if (layer.where() != null) {
                w.and(layer.where());
            }
            if (PUBLIC_ROWS.containsKey(layer.name())) {
                Access.publicOrStaffCounties(w, Viewer.current(), PUBLIC_ROWS.get(layer.name()), "t.county_code");
            }
            for (Map.Entry<String, String> f : filters.entrySet()) {
                TileLayer.Filter spec = layer.filters().get(f.getKey());
                switch (spec.kind()) {
                    case ADMIN_CODE -> adminCode(w, f.getValue(), spec.column());
                    case BOOLEAN -> w.equal(bool(f.getKey(), f.getValue()), spec.column());
                    case VALUES -> w.in(values(layer, f.getKey(), f.getValue()), spec.column(), false);
                }
            }
            // Below a pixel a polygon shows nothing but costs bytes: drop it (parcels below their detail zoom,
            // and layers that ask for it).
            double pixelDeg = 360.0 / Math.pow(2, z) / 256;
            double minPixels = layer.name().equals("parcels") && z < TileLayers.PARCEL_DETAIL_ZOOM ? 1 : layer.minPixelArea();
            if (minPixels > 0 && layer.geometryType().equals("polygon")) {
                w.and("ST_Area(" + geom + ") > " + w.param(minPixels * pixelDeg * pixelDeg));
            }
        }
        w.params().addValue("z", z).addValue("x", x).addValue("y", y).addValue("name", layer.name())
                .addValue("margin", (double) BUFFER / EXTENT);
        String sql = "WITH b AS (SELECT ST_TileEnvelope(:z, :x, :y) AS e, ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :margin), 4490) AS q) "
                + "SELECT ST_AsMVT(m, :name, " + EXTENT + ", 'geom', 'fid') FROM ("
                + "SELECT " + attrs + ", " + fid + " AS fid, ST_AsMVTGeom(ST_Transform(" + geom + ", 3857), b.e, " + EXTENT + ", " + BUFFER + ", true) AS geom"
                + " FROM " + from + " CROSS JOIN b WHERE " + index + " && b.q AND " + w.sql() + ") m WHERE m.geom IS NOT NULL";
        byte[] mvt = jdbc.queryForObject(sql, w.params(), byte[].class);
        return mvt == null ? new byte[0] : mvt;
    }

    /** Villages whose parcels changed get their overview rebuilt before a low-zoom tile is made. */
    private void refreshOverviewIfStale() {
        Boolean dirty = plain.queryForObject("SELECT EXISTS (SELECT 1 FROM parcel_overview_dirty)", Boolean.class);
        if (Boolean.TRUE.equals(dirty)) {
            plain.execute("SELECT refresh_parcel_overview(array_agg(village_code)) FROM (SELECT village_code FROM parcel_overview_dirty FOR UPDATE SKIP LOCKED) d HAVING count(*) > 0");
        }
    }

    private static void adminCode(SqlWhere w, String code, String villageColumn) {
        AdminUnitQueries.requireCode("admin_code", code);
        w.adminCode(code, villageColumn);
    }

    private static List<String> values(TileLayer layer, String param, String csv) {
        List<String> out = new ArrayList<>();
        for (String v : csv.split(",")) {
            String value = v.trim();
            if (!layer.filters().get(param).values().contains(value)) {
                throw ApiException.badInput(param, "'" + value + "' is not one of " + String.join(", ", new java.util.TreeSet<>(layer.filters().get(param).values())));
            }
            out.add(value);
        }
        return out;
    }

    private static boolean bool(String param, String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw ApiException.badInput(param, "'" + value + "' is not true or false");
        };
    }

    static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
