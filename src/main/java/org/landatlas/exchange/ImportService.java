package org.landatlas.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.landatlas.exchange.ImportProfile.ImportCheck;
import org.landatlas.exchange.ImportProfile.StagedLayer;
import org.landatlas.platform.ApiException;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports: stage (upload → ogr2ogr into exchange_staging.job_N → the profile's checks → a report), then commit
 * (the profile's merge, the changes recorded and the job closed, in one transaction) or cancel. Until the commit
 * nothing outside the staging schema changes; a failure or a killed process leaves at most a staging table, which
 * the next start drops.
 */
@Service
class ImportService {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Offending rows listed per check in a report (the count is always complete). */
    static final int EXAMPLES_PER_CHECK = 20;
    private static final Pattern CRS = Pattern.compile("(?i)EPSG:\\d{4,6}");

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** {@link ImportCommitted}, synchronous: listeners run inside the merge's transaction. */
    private final ApplicationEventPublisher events;
    /** Runs an import's checks side by side (landatlas.exchange.check-threads, default one per processor). */
    private final java.util.concurrent.ExecutorService checkPool;
    private final Map<String, ImportProfile> profiles = new LinkedHashMap<>();
    private final AuditLog audit;
    private final Gdal gdal;
    private final Environment env;
    private final long maxUploadBytes;
    private final Duration gdalTimeout;

    ImportService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, List<ImportProfile> profiles, AuditLog audit, Environment env,
                  ApplicationEventPublisher events,
                  @Value("${landatlas.exchange.max-upload-mb:2048}") long maxUploadMb,
                  @Value("${landatlas.exchange.gdal-timeout:30m}") Duration gdalTimeout,
                  @Value("${landatlas.exchange.check-threads:0}") int checkThreads) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.events = events;
        int threads = checkThreads > 0 ? checkThreads : Runtime.getRuntime().availableProcessors();
        java.util.concurrent.atomic.AtomicInteger named = new java.util.concurrent.atomic.AtomicInteger();
        this.checkPool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "import-check-" + named.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        profiles.forEach(p -> this.profiles.put(p.name(), p));
        this.audit = audit;
        this.env = env;
        this.maxUploadBytes = maxUploadMb * 1024 * 1024;
        this.gdal = new Gdal(gdalTimeout);
        this.gdalTimeout = gdalTimeout;
    }

    Map<String, ImportProfile> profiles() {
        return profiles;
    }

    ImportProfile profile(String name) {
        ImportProfile p = profiles.get(name);
        if (p == null) {
            throw ApiException.badInput("profile", "unknown profile '" + name + "' (profiles: " + String.join(", ", profiles.keySet()) + ")");
        }
        return p;
    }

    /**
     * What the user may say: the source CRS (EPSG:n), the .dbf encoding, the layer of a multi-layer file, what the
     * file replaces, a field mapping (profile field → source field) and whether coordinates are GCJ-02.
     */
    record Options(String crs, String encoding, String layer, ImportProfile.Scope scope, Map<String, String> mapping, boolean gcj02,
                   Map<String, String> profileOptions) {
        Options {
            scope = scope == null ? ImportProfile.Scope.COUNTY : scope;
            mapping = mapping == null ? Map.of() : Map.copyOf(mapping);
            profileOptions = profileOptions == null ? Map.of() : Map.copyOf(profileOptions);
        }

        Options(String crs, String encoding, String layer, ImportProfile.Scope scope, Map<String, String> mapping, boolean gcj02) {
            this(crs, encoding, layer, scope, mapping, gcj02, null);
        }

        Options(String crs, String encoding, String layer) {
            this(crs, encoding, layer, null, null, false);
        }
    }

    /**
     * The profile's options as given (absent ones at their defaults), each checked against its values
     * (case-insensitive; the answer names the option and its values).
     */
    static Map<String, String> profileOptions(ImportProfile profile, Map<String, String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ImportProfile.ImportOption o : profile.options()) {
            String v = given.get(o.name());
            if (v == null) {
                out.put(o.name(), o.defaultValue());
                continue;
            }
            out.put(o.name(), o.values().stream().filter(x -> x.equalsIgnoreCase(v)).findFirst().orElseThrow(() -> ApiException.badInput(o.name(),
                    "'" + v + "' is not one of " + String.join(", ", o.values()) + " (" + o.description() + ")")));
        }
        for (String k : given.keySet()) {
            if (!out.containsKey(k)) {
                throw ApiException.badInput(k, "profile " + profile.name() + " has no option " + k
                        + (profile.options().isEmpty() ? "" : " (its options: " + String.join(", ", profile.options().stream().map(ImportProfile.ImportOption::name).toList()) + ")"));
            }
        }
        return out;
    }

    /** Stages and checks a file; returns the job (status checked, or rejected with the report saying why). */
    Map<String, Object> stage(String profileName, String county, String fileName, InputStream body, Options options) throws IOException {
        ImportProfile profile = profile(profileName);
        if (county == null || !county.matches("\\d{6}")) {
            throw ApiException.badInput("county", "a 6-digit county code is required");
        }
        Viewer viewer = Access.requireStaffIn(county, "county");
        if (options.crs() != null && !CRS.matcher(options.crs()).matches()) {
            throw ApiException.badInput("crs", "'" + options.crs() + "' is not an EPSG code like EPSG:4527");
        }
        if (options.encoding() != null && !options.encoding().matches("[A-Za-z0-9_-]{2,20}")) {
            throw ApiException.badInput("encoding", "'" + options.encoding() + "' is not an encoding name like GBK or UTF-8");
        }
        Map<String, String> profileOptions = profileOptions(profile, options.profileOptions());
        // The profile knows the county's units (through their owner's API) and refuses a county that does not exist.
        Map<String, Object> checkParameters = profile.checkParameters(county, profileOptions);
        long id = jdbc.getJdbcTemplate().queryForObject("SELECT nextval('import_job_id_seq')", Long.class);
        String table = "exchange_staging.job_" + id;
        try (Upload upload = Upload.save(body, fileName, maxUploadBytes)) {
            Path dataset = upload.dataset();
            Map<String, String> config = new HashMap<>();
            String encoding = null;
            if (dataset.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".shp")) {
                // A .dbf without a .cpg is GBK (CP936) in Chinese survey data; an explicit encoding wins over both.
                encoding = options.encoding() != null ? options.encoding() : Upload.sibling(dataset, ".cpg") == null ? "CP936" : null;
                if (encoding != null) {
                    config.put("SHAPE_ENCODING", encoding);
                }
            }
            List<Gdal.LayerInfo> layers = gdal.layers(dataset, config);
            Gdal.LayerInfo layer = chooseLayer(layers, options.layer());
            String sourceCrs = sourceCrs(layer, options.crs());
            if (options.gcj02() && (sourceCrs.startsWith("PROJCRS") || sourceCrs.matches("EPSG:(45\\d\\d|4491|49\\d\\d|2\\d{3,4}|3\\d{3,4})"))) {
                throw ApiException.badInput("gcj02", "GCJ-02 is an offset of longitude and latitude; this file is in a projected coordinate system (" + crsName(sourceCrs) + ")");
            }
            List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "PostgreSQL", Gdal.pgConnection(env), dataset.toString(), layer.name(),
                    "-nln", table, "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=row_no", "-lco", "LAUNDER=YES", "-lco", "PRECISION=NO",
                    // Staged rows are read by sequential scans and rebuilt from the file after a crash: no spatial index, no WAL.
                    "-lco", "SPATIAL_INDEX=NONE", "-lco", "UNLOGGED=ON",
                    "-nlt", profile.geometryType(), "-dim", "XY", "-t_srs", "EPSG:4490", "-fieldTypeToString", "All",
                    "--config", "PG_USE_COPY", "YES"));
            if (!sourceCrs.equals(layer.srsWkt())) {
                cmd.addAll(List.of("-s_srs", sourceCrs));
            }
            config.forEach((k, v) -> cmd.addAll(List.of("--config", k, v)));
            cmd.addAll(Gdal.openOptions(dataset));
            long t0 = System.nanoTime();
            gdal.run(cmd, Gdal.pgEnvironment(env, "landatlas-import"), "file");
            long t1 = System.nanoTime();
            applyMapping(table, options.mapping());
            if (options.gcj02()) {
                convertFromGcj02(table);
            }
            int rows = jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM " + table, Integer.class);
            if (rows == 0) {
                // An empty layer committed as the county's whole layer would remove every imported record.
                throw ApiException.badInput("file", "layer " + layer.name() + " of '" + upload.fileName + "' has no features; nothing to import");
            }
            // Statistics for the checks' plans: without them the planner guesses a small table and picks nested loops
            // that cost minutes on a million rows.
            jdbc.getJdbcTemplate().execute("ANALYZE " + table);
            Map<String, Object> report = check(profile, new StagedLayer(table, rows, null, options.scope(), profileOptions), county, checkParameters);
            // The report says what it was checked under; the commit merges under the same options.
            report.put("options", profileOptions);
            log.info("import staged: job {} ({} {}), {} rows, ogr2ogr {} ms, checks {} ms", id, profile.name(), county, rows,
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            boolean blocked = (Boolean) report.get("blocked");
            String status = blocked ? "rejected" : "checked";
            jdbc.update("""
                    INSERT INTO import_job (id, profile, county_code, file_name, file_bytes, layer_name, source_crs, encoding, status, feature_count, report, created_by,
                                            scope, mapping, gcj02)
                    VALUES (:id, :profile, :county, :file, :bytes, :layer, :crs, :enc, :status, :rows, :report::jsonb, :by, :scope, :mapping::jsonb, :gcj02)""",
                    new MapSqlParameterSource().addValue("id", id).addValue("profile", profile.name()).addValue("county", county)
                            .addValue("file", upload.fileName).addValue("bytes", upload.bytes).addValue("layer", layer.name()).addValue("crs", crsName(sourceCrs))
                            .addValue("enc", encoding).addValue("status", status).addValue("rows", rows).addValue("report", JSON.writeValueAsString(report))
                            .addValue("by", viewer.username()).addValue("scope", options.scope().name().toLowerCase(Locale.ROOT))
                            .addValue("mapping", options.mapping().isEmpty() ? null : JSON.writeValueAsString(options.mapping())).addValue("gcj02", options.gcj02()));
            audit.record("stageImport", "import_job", id, county, null, Map.of("file", upload.fileName, "profile", profile.name(), "rows", rows, "status", status));
            return job(id);
        } catch (RuntimeException | IOException e) {
            dropStaging(table);
            throw e;
        }
    }

    /**
     * Renames the staged source fields to the profile's names (a mapping is profile field → source field, as
     * staged: lower case). A source field the file lacks, or a profile field the file also has under its own name,
     * is refused with both named.
     */
    private void applyMapping(String table, Map<String, String> mapping) {
        if (mapping.isEmpty()) {
            return;
        }
        Set<String> columns = stagedColumns(table);
        // Two steps, so that a mapping may swap two names.
        Map<String, String> temporary = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, String> m : mapping.entrySet()) {
            String source = m.getValue().toLowerCase(Locale.ROOT);
            if (!columns.contains(source)) {
                throw ApiException.badInput("mapping", "the file has no field '" + m.getValue() + "' (mapped to " + m.getKey().toUpperCase(Locale.ROOT) + "); it has: "
                        + String.join(", ", columns.stream().filter(c -> !c.equals("geom") && !c.equals("row_no")).toList()));
            }
            if (columns.contains(m.getKey()) && !mapping.containsValue(m.getKey()) && !m.getKey().equals(source)) {
                throw ApiException.badInput("mapping", "the file has a field " + m.getKey().toUpperCase(Locale.ROOT) + " of its own besides '" + m.getValue()
                        + "' mapped to it; map one of them");
            }
            String tmp = "mapped_" + n++;
            jdbc.getJdbcTemplate().execute("ALTER TABLE " + table + " RENAME COLUMN " + quote(source) + " TO " + tmp);
            temporary.put(tmp, m.getKey());
        }
        temporary.forEach((tmp, target) -> jdbc.getJdbcTemplate().execute("ALTER TABLE " + table + " RENAME COLUMN " + tmp + " TO " + quote(target)));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Moves staged lon/lat from GCJ-02 to WGS 84 (= CGCS2000 within centimetres), 5,000 rows at a time. */
    private void convertFromGcj02(String table) {
        org.locationtech.jts.io.WKBReader reader = new org.locationtech.jts.io.WKBReader();
        org.locationtech.jts.io.WKBWriter writer = new org.locationtech.jts.io.WKBWriter();
        long after = -1;
        while (true) {
            List<Object[]> batch = new ArrayList<>();
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT row_no, ST_AsBinary(geom) AS wkb FROM " + table
                    + " WHERE row_no > :after AND geom IS NOT NULL ORDER BY row_no LIMIT 5000", Map.of("after", after));
            if (rows.isEmpty()) {
                return;
            }
            for (Map<String, Object> r : rows) {
                try {
                    org.locationtech.jts.geom.Geometry g = reader.read((byte[]) r.get("wkb"));
                    Gcj02.toWgs84(g);
                    batch.add(new Object[] {writer.write(g), r.get("row_no")});
                } catch (org.locationtech.jts.io.ParseException e) {
                    throw ApiException.badInput("file", "row " + r.get("row_no") + ": unreadable geometry");
                }
                after = ((Number) r.get("row_no")).longValue();
            }
            jdbc.getJdbcTemplate().batchUpdate("UPDATE " + table + " SET geom = ST_SetSRID(ST_GeomFromWKB(?), 4490) WHERE row_no = ?", batch);
        }
    }

    private static Gdal.LayerInfo chooseLayer(List<Gdal.LayerInfo> layers, String wanted) {
        if (layers.isEmpty()) {
            throw ApiException.badInput("file", "GDAL found no layer in the file");
        }
        if (wanted != null) {
            return layers.stream().filter(l -> l.name().equalsIgnoreCase(wanted)).findFirst().orElseThrow(() -> ApiException.badInput("layer",
                    "no layer '" + wanted + "' in the file (layers: " + String.join(", ", layers.stream().map(Gdal.LayerInfo::name).toList()) + ")"));
        }
        if (layers.size() > 1) {
            throw ApiException.badInput("layer", "the file has " + layers.size() + " layers (" + String.join(", ", layers.stream().map(Gdal.LayerInfo::name).toList())
                    + "); say which with layer=");
        }
        return layers.get(0);
    }

    /**
     * The CRS to read the layer in: the user's override, else the file's. Gauss-Kruger eastings written with their
     * zone number in front (36 629 709 m for zone 36) under a .prj whose false easting is 500 km are read in the
     * CGCS2000 zone CRS that carries the prefix (EPSG:4513–4533 for 3° zones 25–45, 4491–4501 for 6° zones 13–23).
     */
    static String sourceCrs(Gdal.LayerInfo layer, String override) {
        if (override != null) {
            return override.toUpperCase(Locale.ROOT);
        }
        if (layer.srsWkt() == null) {
            throw ApiException.badInput("crs", "the file has no coordinate system (a Shapefile's .prj is missing); give it with crs=EPSG:… (e.g. EPSG:4545 for CGCS2000 3° Gauss-Kruger CM 108E)");
        }
        double[] e = layer.extent();
        String wkt = layer.srsWkt();
        if (e != null && e[0] > 1_000_000 && wkt.contains("Transverse Mercator") && wkt.matches("(?s).*False easting\",500000[,\\]].*")) {
            int zone = (int) (e[0] / 1_000_000);
            Matcher cm = Pattern.compile("Longitude of natural origin\",([0-9.]+)").matcher(wkt);
            double meridian = cm.find() ? Double.parseDouble(cm.group(1)) : Double.NaN;
            if (zone >= 25 && zone <= 45 && meridian == zone * 3.0) {
                return "EPSG:" + (4513 + zone - 25);
            }
            if (zone >= 13 && zone <= 23 && meridian == zone * 6.0 - 3) {
                return "EPSG:" + (4491 + zone - 13);
            }
            throw ApiException.badInput("crs", "eastings like " + (long) e[0] + " carry a zone prefix (" + zone + ") that the file's coordinate system ("
                    + "central meridian " + meridian + "°) does not match; give the right one with crs=EPSG:…");
        }
        return wkt;
    }

    /** "EPSG:4545" as it is, a WKT by its name and identifier ("CGCS2000 / 3-degree Gauss-Kruger CM 108E (EPSG:4545)"). */
    static String crsName(String crs) {
        Matcher name = Pattern.compile("^[A-Z]+CRS\\[\"([^\"]+)\"").matcher(crs);
        if (!name.find()) {
            return crs.length() > 200 ? crs.substring(0, 200) : crs;
        }
        Matcher id = Pattern.compile("ID\\[\"EPSG\",(\\d+)\\]\\]\\s*$").matcher(crs);
        return name.group(1) + (id.find() ? " (EPSG:" + id.group(1) + ")" : "");
    }

    /** The columns of a staged table ({@code exchange_staging.job_N}), in name order. */
    private Set<String> stagedColumns(String table) {
        return new TreeSet<>(jdbc.getJdbcTemplate().queryForList(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'exchange_staging' AND table_name = ?", String.class,
                table.substring(table.indexOf('.') + 1)));
    }

    /** Runs every check; a report lists each with its count and first offending rows. */
    private Map<String, Object> check(ImportProfile profile, StagedLayer layer, String county, Map<String, Object> checkParameters) {
        Set<String> columns = stagedColumns(layer.table());
        List<String> missing = profile.fields().stream().filter(ImportProfile.ImportField::required).map(ImportProfile.ImportField::name)
                .filter(f -> !columns.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badInput("file", "the layer lacks the field(s) " + String.join(", ", missing.stream().map(f -> f.toUpperCase(Locale.ROOT)).toList())
                    + " of the " + profile.title() + " profile (it has: " + String.join(", ", columns.stream().filter(c -> !c.equals("geom") && !c.equals("row_no"))
                    .map(c -> c.toUpperCase(Locale.ROOT)).toList()) + ")");
        }
        // Optional fields the file lacks are staged as empty text, so that checks and merges can name them.
        for (ImportProfile.ImportField f : profile.fields()) {
            if (!columns.contains(f.name())) {
                jdbc.getJdbcTemplate().execute("ALTER TABLE " + layer.table() + " ADD COLUMN " + f.name() + " text");
            }
        }
        MapSqlParameterSource params = new MapSqlParameterSource(checkParameters).addValue("county", county)
                .addValue("scope", layer.scope().name().toLowerCase(Locale.ROOT));
        // The checks are independent reads of the staged rows: they run side by side, each in a transaction of its
        // own with the import's time limit, so that a check GEOS cannot finish is reported and the others still run.
        List<java.util.concurrent.Future<Map<String, Object>>> running = new ArrayList<>();
        for (ImportCheck c : profile.checks()) {
            running.add(checkPool.submit(() -> runCheck(c, layer, params)));
        }
        List<Map<String, Object>> checks = new ArrayList<>();
        boolean blocked = false;
        for (java.util.concurrent.Future<Map<String, Object>> f : running) {
            Map<String, Object> entry;
            try {
                entry = f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(r -> r.cancel(true));
                throw new IllegalStateException("interrupted while checking " + layer.table(), e);
            } catch (java.util.concurrent.ExecutionException e) {
                running.forEach(r -> r.cancel(true));
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            checks.add(entry);
            // A blocking check that could not run blocks too: nothing unchecked is committed.
            blocked |= (Boolean) entry.get("blocking") && ((Integer) entry.get("count") > 0 || entry.containsKey("error"));
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("rows", layer.rows());
        report.put("blocked", blocked);
        report.put("checks", checks);
        return report;
    }

    /** One check: its count, its first offending rows (one pass: the window count is taken before the LIMIT) and its time. */
    private Map<String, Object> runCheck(ImportCheck c, StagedLayer layer, MapSqlParameterSource params) {
        String sql = c.offendingRows().replace("{staged}", layer.table());
        long t0 = System.nanoTime();
        List<Map<String, Object>> examples;
        String error = null;
        try {
            examples = new ArrayList<>(tx.execute(status -> {
                jdbc.getJdbcTemplate().execute("SET LOCAL statement_timeout = '" + gdalTimeout.toSeconds() + "s'");
                return jdbc.queryForList("SELECT o.*, count(*) OVER () AS offending_rows FROM (" + sql + ") o ORDER BY 1, 2 LIMIT " + EXAMPLES_PER_CHECK, params);
            }));
        } catch (org.springframework.dao.DataAccessException e) {
            log.warn("import check {} of {} failed: {}", c.code(), layer.table(), rootMessage(e));
            examples = new ArrayList<>();
            error = rootMessage(e);
        }
        int n = examples.isEmpty() ? 0 : ((Number) examples.get(0).get("offending_rows")).intValue();
        examples.replaceAll(row -> {
            Map<String, Object> r = new LinkedHashMap<>(row);
            r.remove("offending_rows");
            return r;
        });
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("code", c.code());
        entry.put("title", c.title());
        entry.put("blocking", c.blocking());
        entry.put("count", n);
        entry.put("examples", examples);
        entry.put("ms", (System.nanoTime() - t0) / 1_000_000);
        if (error != null) {
            entry.put("error", "the check could not be run: " + error);
        }
        return entry;
    }

    @jakarta.annotation.PreDestroy
    void stopChecks() {
        checkPool.shutdownNow();
    }

    /** Merges a checked job; all or nothing. */
    Map<String, Object> commit(long id) {
        Map<String, Object> job = job(id);
        String county = (String) job.get("countyCode");
        Access.requireStaffIn(county, "county");
        ImportProfile profile = profile((String) job.get("profile"));
        long t0 = System.nanoTime();
        boolean lost = Boolean.TRUE.equals(tx.execute(status -> {
            // A county's merge is one long transaction: the API's per-statement limit is for requests, this one has the import's.
            jdbc.getJdbcTemplate().execute("SET LOCAL statement_timeout = '" + gdalTimeout.toSeconds() + "s'");
            String state = jdbc.queryForObject("SELECT status FROM import_job WHERE id = :id FOR UPDATE", Map.of("id", id), String.class);
            if (!"checked".equals(state)) {
                throw ApiException.badInput("id", "import " + id + " is " + state + "; only a checked import can be committed");
            }
            String table = "exchange_staging.job_" + id;
            int rows = jdbc.getJdbcTemplate().queryForObject("SELECT count(*) FROM " + table, Integer.class);
            if (job.get("features") instanceof Number staged && staged.intValue() != rows) {
                // Staging tables are unlogged: a database crash empties them. Merging what is left would remove the
                // county's records the file still holds, so the job fails instead and nothing else changes.
                failLostStaging(id);
                return true;
            }
            jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE import_changes (record_key text NOT NULL, change text NOT NULL, fields jsonb) ON COMMIT DROP");
            try {
                ImportProfile.Scope scope = ImportProfile.Scope.valueOf(((String) job.get("scope")).toUpperCase(Locale.ROOT));
                profile.merge(jdbc, new StagedLayer(table, rows, "pg_temp.import_changes", scope, jobOptions(job)), county, true);
            } catch (org.springframework.dao.DataIntegrityViolationException e) {
                throw ApiException.badInput("file", "the data breaks a rule of the database, nothing was changed: " + rootMessage(e));
            }
            jdbc.update("INSERT INTO import_change (county_code, job_id, record_key, change, fields) SELECT :county, :id, record_key, change, fields FROM pg_temp.import_changes",
                    Map.of("id", id, "county", county));
            Map<String, Integer> counts = new LinkedHashMap<>();
            List.of("added", "changed", "removed").forEach(c -> counts.put(c, 0));
            jdbc.query("SELECT change, count(*) FROM pg_temp.import_changes GROUP BY change", Map.of(),
                    rs -> { counts.put(rs.getString(1), rs.getInt(2)); });
            jdbc.update("UPDATE import_job SET status = 'committed', result = :result::jsonb, finished_at = now() WHERE id = :id",
                    new MapSqlParameterSource().addValue("id", id).addValue("result", JSON.writeValueAsString(counts)));
            jdbc.getJdbcTemplate().execute("DROP TABLE " + table);
            events.publishEvent(new ImportCommitted(profile.name(), county, id, Map.copyOf(counts), "pg_temp.import_changes"));
            audit.record("commitImport", "import_job", id, county, null, counts);
            log.info("import committed: job {} ({} {}), {} in {} ms", id, profile.name(), county, counts, (System.nanoTime() - t0) / 1_000_000);
            return false;
        }));
        if (lost) {
            dropStaging("exchange_staging.job_" + id);
            throw ApiException.badInput("id", "import " + id + " has failed: " + LOST_STAGING);
        }
        return job(id);
    }

    private static final String LOST_STAGING = "its staged rows were lost when the database restarted after a crash; upload the file again";

    private void failLostStaging(long id) {
        jdbc.update("UPDATE import_job SET status = 'failed', error = :error, finished_at = now() WHERE id = :id AND status = 'checked'",
                Map.of("id", id, "error", LOST_STAGING));
        log.warn("import job {} failed: {}", id, LOST_STAGING);
    }

    /** Drops a job's staged rows; the job stays on record as cancelled. */
    Map<String, Object> cancel(long id) {
        Map<String, Object> job = job(id);
        Access.requireStaffIn((String) job.get("countyCode"), "county");
        int n = jdbc.update("UPDATE import_job SET status = 'cancelled', finished_at = now() WHERE id = :id AND status IN ('checked', 'rejected')", Map.of("id", id));
        if (n == 0) {
            throw ApiException.badInput("id", "import " + id + " is " + job.get("status") + "; only a checked or rejected import can be cancelled");
        }
        dropStaging("exchange_staging.job_" + id);
        audit.record("cancelImport", "import_job", id, (String) job.get("countyCode"), null, null);
        return job(id);
    }

    private static final String JOB_COLUMNS = """
            id, profile, county_code AS "countyCode", file_name AS "fileName", file_bytes AS "fileBytes", layer_name AS "layer",
            source_crs AS "sourceCrs", encoding, status, feature_count AS "features", report::text AS report, result::text AS result, error,
            created_by AS "createdBy", created_at AS "createdAt", finished_at AS "finishedAt", scope, mapping::text AS mapping, gcj02
            """;

    Map<String, Object> job(long id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT " + JOB_COLUMNS + " FROM import_job WHERE id = :id", Map.of("id", id));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no import " + id);
        }
        Access.requireStaffIn((String) rows.get(0).get("countyCode"), "county");
        return withJson(rows.get(0));
    }

    /** The county's jobs, newest first. */
    List<Map<String, Object>> jobs(String county, int limit) {
        if (county == null || !county.matches("\\d{6}")) {
            throw ApiException.badInput("county", "a 6-digit county code is required");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badInput("limit", "must be 1–1000");
        }
        Access.requireStaffIn(county, "county");
        return jdbc.queryForList("SELECT " + JOB_COLUMNS + " FROM import_job WHERE county_code = :county ORDER BY id DESC LIMIT :limit",
                Map.of("county", county, "limit", limit)).stream().map(ImportService::withJson).toList();
    }

    /** The profile options a job was checked under (from its report). */
    static Map<String, String> jobOptions(Map<String, Object> job) {
        Map<String, String> out = new LinkedHashMap<>();
        if (job.get("report") instanceof tools.jackson.databind.JsonNode report) {
            report.path("options").properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        }
        return out;
    }

    private static Map<String, Object> withJson(Map<String, Object> row) {
        Map<String, Object> job = new LinkedHashMap<>(row);
        job.put("report", job.get("report") == null ? null : JSON.readTree((String) job.get("report")));
        job.put("result", job.get("result") == null ? null : JSON.readTree((String) job.get("result")));
        job.put("mapping", job.get("mapping") == null ? null : JSON.readTree((String) job.get("mapping")));
        return job;
    }

    /** Changes a committed job recorded, in key order. */
    List<Map<String, Object>> changes(long id, int limit) {
        job(id);
        return jdbc.queryForList("SELECT record_key AS key, change, fields::text AS fields FROM import_change WHERE job_id = :id ORDER BY record_key LIMIT :limit",
                Map.of("id", id, "limit", limit));
    }

    private void dropStaging(String table) {
        try {
            jdbc.getJdbcTemplate().execute("DROP TABLE IF EXISTS " + table);
        } catch (RuntimeException e) {
            log.warn("could not drop {}: {}", table, e.getMessage());
        }
    }

    /** Staging tables of no open job (a process killed while staging, or jobs already closed) and of exports are dropped at start. */
    @EventListener(ApplicationReadyEvent.class)
    void dropStaleStaging() {
        // A checked job whose staged rows a database crash emptied (staging is unlogged) can never be committed:
        // it fails at start, with the reason, rather than when someone tries. Rejected jobs keep their report.
        List<Long> checked = jdbc.getJdbcTemplate().queryForList(
                "SELECT id FROM import_job WHERE status = 'checked' AND coalesce(feature_count, 0) > 0 ORDER BY id", Long.class);
        for (long id : checked) {
            Boolean present = jdbc.getJdbcTemplate().queryForObject("SELECT to_regclass('exchange_staging.job_" + id + "') IS NOT NULL", Boolean.class);
            if (!Boolean.TRUE.equals(present)
                    || !Boolean.TRUE.equals(jdbc.getJdbcTemplate().queryForObject("SELECT EXISTS (SELECT 1 FROM exchange_staging.job_" + id + ")", Boolean.class))) {
                failLostStaging(id);
            }
        }
        List<String> stale = jdbc.getJdbcTemplate().queryForList("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'exchange_staging' AND c.relkind = 'r'
                  AND (c.relname ~ '^export_[0-9a-f]{24}$'  -- prepared exports live in memory: none survives a restart
                       OR c.relname ~ '^job_[0-9]+$' AND NOT EXISTS (SELECT 1 FROM import_job j WHERE j.id = substr(c.relname, 5)::bigint
                                                                    AND j.status IN ('checked', 'rejected')))""", String.class);
        stale.forEach(t -> dropStaging("exchange_staging." + t));
        if (!stale.isEmpty()) {
            log.info("dropped {} stale import staging table(s)", stale.size());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        // PostgreSQL's message and its detail line (which names the key), nothing of the statement.
        m = String.join(" ", m.lines().filter(l -> !l.isBlank() && !l.trim().startsWith("Where:") && !l.trim().startsWith("Position:")).limit(2).toList());
        return m.length() > 500 ? m.substring(0, 500) + " …" : m;
    }
}
