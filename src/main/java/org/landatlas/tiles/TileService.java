package org.landatlas.tiles;

import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.ReadRouting;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Makes Mapbox Vector Tiles with PostGIS ST_AsMVT from CGCS2000 data of any {@link TileSource}: tiles are
 * buffered (no seams between neighbours) and cached in memory until the data under them changes.
 */
@Service
class TileService {

    /** Tile extent and buffer in tile units: 256/4096 = 1/16 of a tile on every side. */
    static final int EXTENT = 4096;
    static final int BUFFER = 256;

    private final NamedParameterJdbcTemplate jdbc;
    private final TileCatalogue catalogue;
    private final TileCache cache;
    private final ReadRouting routing;
    private final long freshNanos;

    TileService(NamedParameterJdbcTemplate jdbc, TileCatalogue catalogue, @Value("${landatlas.tiles.cache-mb:256}") long cacheMb,
                ReadRouting routing, @Value("${landatlas.db.replica.max-lag:10s}") Duration maxLag, ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.catalogue = catalogue;
        this.cache = new TileCache(cacheMb * 1024 * 1024);
        this.routing = routing;
        this.freshNanos = maxLag.toNanos();
        meters.ifAvailable(m -> CaffeineCacheMetrics.monitor(m, cache.tiles(), "tiles"));
    }

    TileCache cache() {
        return cache;
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

    /** Layers whose rows depend on who asks: cached per kind of viewer, private to HTTP caches. */
    static boolean perViewer(TileSource source) {
        return source.publicRows().isPresent();
    }

    /** The tile, from the cache or made now; an empty tile has zero bytes. */
    TileCache.Entry tile(TileSource source, int z, int x, int y, Map<String, String> params) {
        checkTile(z, x, y);
        Map<String, String> filters = new TreeMap<>(params);
        for (String p : filters.keySet()) {
            if (!source.filters().containsKey(p)) {
                throw ApiException.badInput(p, "unknown filter for layer " + source.name() + " (filters: " + String.join(", ", source.filters().keySet()) + ")");
            }
        }
        Viewer viewer = Viewer.current();
        // Cached per access (public, each staff scope, admin) where rows depend on who asks.
        String access = perViewer(source) ? "|" + viewer.accessKey() : "";
        TileCache.Key key = new TileCache.Key(source.name(), z, x, y, filters + access);
        TileCache.Entry hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        long generation = cache.generation(source.name());
        byte[] mvt = z < source.minZoom() || z > source.maxZoom() ? new byte[0]
                // A replica may not have replayed a change the cache was just told about: a tile made there would be
                // cached stale, so a layer that changed within the lag bound renders on the primary.
                : routing.enabled() && !cache.changedWithin(source.name(), freshNanos)
                        ? routing.read(ReadRouting.caller(), () -> render(source, z, x, y, filters, viewer))
                        : render(source, z, x, y, filters, viewer);
        TileCache.Entry entry = new TileCache.Entry(mvt, etag(mvt));
        cache.put(key, entry, generation);
        return entry;
    }

    private byte[] render(TileSource source, int z, int x, int y, Map<String, String> filters, Viewer viewer) {
        TileQuery q = source.query(z, TileFilters.check(source.filters(), filters), viewer);
        SqlWhere w = q.where();
        String attrs = q.attributes().entrySet().stream().map(a -> a.getValue() + " AS " + a.getKey()).collect(Collectors.joining(", "));
        w.params().addValue("z", z).addValue("x", x).addValue("y", y).addValue("name", source.name())
                .addValue("margin", (double) BUFFER / EXTENT);
        String sql = "WITH b AS (SELECT ST_TileEnvelope(:z, :x, :y) AS e, ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => :margin), 4490) AS q) "
                + "SELECT ST_AsMVT(m, :name, " + EXTENT + ", 'geom', 'fid') FROM ("
                + "SELECT " + attrs + ", " + q.featureId() + " AS fid, ST_AsMVTGeom(ST_Transform(" + q.geometry() + ", 3857), b.e, " + EXTENT + ", " + BUFFER + ", true) AS geom"
                + " FROM " + q.from() + " CROSS JOIN b WHERE " + q.indexedGeometry() + " && b.q AND " + w.sql() + ") m WHERE m.geom IS NOT NULL";
        byte[] mvt = jdbc.queryForObject(sql, w.params(), byte[].class);
        return mvt == null ? new byte[0] : mvt;
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
