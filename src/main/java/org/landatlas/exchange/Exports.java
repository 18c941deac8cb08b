package org.landatlas.exchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletResponse;
import org.landatlas.platform.ApiException;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Exports of a feature's rows in GIS formats, written by GDAL: a feature selects the rows (its own filter, its own
 * rules of what the viewer may see) into a staging table with bound parameters ({@link #prepare}); the download
 * ({@code GET /exchange/exports/{id}}) has ogr2ogr read that table through a cursor and write the file, so a whole
 * county never sits in the service's memory. A prepared export is kept for its owner for an hour.
 */
@Service
public class Exports {

    /** Formats GDAL writes for us: its driver, file extension and media type. */
    public enum Format {
        GPKG("GPKG", ".gpkg", "application/geopackage+sqlite3"),
        SHAPEFILE("ESRI Shapefile", ".zip", "application/zip"),
        GEOJSON("GeoJSON", ".geojson", "application/geo+json"),
        CSV("CSV", ".csv", "text/csv"),
        FLATGEOBUF("FlatGeobuf", ".fgb", "application/flatgeobuf");

        final String driver;
        final String extension;
        final String mediaType;

        Format(String driver, String extension, String mediaType) {
            this.driver = driver;
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    /** A prepared export: where to download it, how many rows it holds, until when. */
    public record Prepared(String id, Format format, int rows, String url, Instant expiresAt) {
    }

    private record Entry(String layer, Format format, String encoding, String shapeType, String owner, String fileName, Instant expiresAt) {
    }

    static final Duration KEPT = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NamedParameterJdbcTemplate jdbc;
    private final Environment env;
    private final Gdal gdal;
    private final AuditLog audit;
    private final Map<String, Entry> prepared = new ConcurrentHashMap<>();

    Exports(NamedParameterJdbcTemplate jdbc, Environment env, AuditLog audit, @Value("${landatlas.exchange.gdal-timeout:30m}") Duration gdalTimeout) {
        this.jdbc = jdbc;
        this.env = env;
        this.audit = audit;
        this.gdal = new Gdal(gdalTimeout);
    }

    /**
     * The whole of a feature's export mutation once the feature has checked the viewer and built its SQL (its list
     * query's own WHERE, its own rule of what the viewer may see): prepares the export, records it in the audit log
     * under the mutation's name ({@code action}, target {@code targetType}) and answers the GraphQL type Export.
     */
    public Map<String, Object> exportMutation(Viewer viewer, String action, String targetType, String layer, String format, String shapefileEncoding,
                                              String select, MapSqlParameterSource params) {
        Prepared p = prepare(viewer, layer, Format.valueOf(format), shapefileEncoding, select, params);
        audit.record(action, targetType, p.id(), null, null, Map.of("format", format, "rows", p.rows()));
        return Map.of("id", p.id(), "format", p.format().name(), "rows", p.rows(), "url", p.url(), "expiresAt", p.expiresAt().atOffset(ZoneOffset.UTC));
    }

    /**
     * Selects the rows of {@code select} (bound with {@code params}; a geometry column named {@code geom} in EPSG:4490)
     * into a table of the export. {@code layer} names the layer and the file; {@code shapefileEncoding} is GBK or UTF-8.
     */
    public Prepared prepare(Viewer viewer, String layer, Format format, String shapefileEncoding, String select, MapSqlParameterSource params) {
        if (viewer.isPublic()) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "export", "exports need a signed-in staff account");
        }
        String encoding = shapefileEncoding == null ? "UTF-8" : shapefileEncoding.toUpperCase(Locale.ROOT);
        if (!List.of("UTF-8", "GBK", "CP936").contains(encoding)) {
            throw ApiException.badInput("shapefileEncoding", "'" + shapefileEncoding + "' is not one of UTF-8, GBK");
        }
        dropExpired();
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        String table = "exchange_staging.export_" + id;
        jdbc.update("CREATE TABLE " + table + " AS " + select, params);
        // A Shapefile holds one kind of geometry: the layer's, read from its rows (points, lines or polygons).
        Map<String, Object> shape = jdbc.getJdbcTemplate().queryForMap("SELECT count(*) AS n, min(ST_Dimension(geom)) AS lo, max(ST_Dimension(geom)) AS hi,"
                + " bool_or(GeometryType(geom) = 'MULTIPOINT') AS multi FROM " + table);
        int rows = ((Number) shape.get("n")).intValue();
        String shapeType = "MULTIPOLYGON";
        if (shape.get("lo") != null) {
            int lo = ((Number) shape.get("lo")).intValue();
            int hi = ((Number) shape.get("hi")).intValue();
            if (lo != hi && format == Format.SHAPEFILE) {
                jdbc.getJdbcTemplate().execute("DROP TABLE " + table);
                throw ApiException.badInput("format", "a Shapefile holds one kind of geometry and these rows mix points, lines or polygons; choose GPKG");
            }
            shapeType = switch (hi) {
                case 0 -> Boolean.TRUE.equals(shape.get("multi")) ? "MULTIPOINT" : "POINT";
                case 1 -> "MULTILINESTRING";
                default -> "MULTIPOLYGON";
            };
        }
        Instant expires = Instant.now().plus(KEPT);
        prepared.put(id, new Entry(layer, format, encoding.equals("GBK") ? "CP936" : encoding, shapeType, viewer.username(), layer + format.extension, expires));
        return new Prepared(id, format, rows, "/exchange/exports/" + id, expires);
    }

    /** Writes a prepared export to the response (its owner only). */
    void download(String id, Viewer viewer, HttpServletResponse response) throws IOException {
        Entry e = id.matches("[0-9a-f]{24}") ? prepared.get(id) : null;
        if (e == null || e.expiresAt().isBefore(Instant.now()) || !(viewer.isAdmin() || viewer.username().equals(e.owner()))) {
            throw ApiException.notFound("id", "no export " + id + " of yours (exports are kept for " + KEPT.toMinutes() + " minutes)");
        }
        Path dir = Files.createTempDirectory("landatlas-export");
        try {
            Path out = dir.resolve(e.format() == Format.SHAPEFILE ? e.layer() + ".shp" : e.fileName());
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", e.format().driver, out.toString(), Gdal.pgConnection(env), "exchange_staging.export_" + id,
                    "-nln", e.layer()));
            switch (e.format()) {
                case SHAPEFILE -> cmd.addAll(List.of("-lco", "ENCODING=" + e.encoding(), "-nlt", e.shapeType()));
                case CSV -> cmd.addAll(List.of("-lco", "GEOMETRY=AS_WKT"));
                case GEOJSON -> cmd.addAll(List.of("-lco", "RFC7946=YES"));
                default -> { }
            }
            gdal.run(cmd, Gdal.pgEnvironment(env, "landatlas-export"), "export");
            response.setContentType(e.format().mediaType);
            response.setHeader("Content-Disposition", "attachment; filename=\"" + e.fileName() + "\"");
            try (OutputStream body = response.getOutputStream()) {
                if (e.format() == Format.SHAPEFILE) {
                    try (ZipOutputStream zip = new ZipOutputStream(body); Stream<Path> parts = Files.list(dir)) {
                        for (Path p : parts.sorted().toList()) {
                            zip.putNextEntry(new ZipEntry(p.getFileName().toString()));
                            Files.copy(p, zip);
                            zip.closeEntry();
                        }
                    }
                } else {
                    response.setContentLengthLong(Files.size(out));
                    Files.copy(out, body);
                }
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void dropExpired() {
        Instant now = Instant.now();
        prepared.entrySet().removeIf(en -> {
            if (en.getValue().expiresAt().isBefore(now)) {
                jdbc.getJdbcTemplate().execute("DROP TABLE IF EXISTS exchange_staging.export_" + en.getKey());
                return true;
            }
            return false;
        });
    }
}
