package org.landatlas.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.landatlas.platform.ApiException;

/**
 * GDAL's command-line tools (Debian's gdal-bin, installed by scripts/gdal.sh) run as child processes: GDAL reads
 * and writes the formats (Shapefile, GeoPackage, File Geodatabase, GeoJSON, KML, CSV) and reprojects; there is no
 * Java binding on this platform (stack notes §3.4). Passwords go through the environment, never the command line.
 */
final class Gdal {

    /** What ogrinfo says of a layer. */
    record LayerInfo(String name, String geometryType, long features, String srsWkt, double[] extent) {
    }

    private final Duration timeout;

    Gdal(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Open options of a dataset: a CSV's geometry is a WKT column or a pair of lon/lat columns, found by their usual
     * names (GDAL's CSV driver reads none without being told).
     */
    static List<String> openOptions(Path dataset) {
        if (!dataset.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return List.of();
        }
        return List.of("-oo", "GEOM_POSSIBLE_NAMES=wkt,geom,geometry,the_geom,shape", "-oo", "X_POSSIBLE_NAMES=lon,lng,longitude,x,经度",
                "-oo", "Y_POSSIBLE_NAMES=lat,latitude,y,纬度", "-oo", "KEEP_GEOM_COLUMNS=NO", "-oo", "AUTODETECT_TYPE=NO");
    }

    /** The layers of a dataset (ogrinfo -ro -so -al), each with its CRS as WKT (null when the file has none). */
    List<LayerInfo> layers(Path dataset, Map<String, String> config) {
        List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro", "-so", "-al", "-wkt_format", "WKT2"));
        config.forEach((k, v) -> cmd.addAll(List.of("--config", k, v)));
        cmd.addAll(openOptions(dataset));
        cmd.add(dataset.toString());
        String out = run(cmd, Map.of(), "file");
        List<LayerInfo> layers = new ArrayList<>();
        for (String block : out.split("\n(?=Layer name: )")) {
            Matcher name = Pattern.compile("^Layer name: (.*)$", Pattern.MULTILINE).matcher(block);
            if (!name.find()) {
                continue;
            }
            Matcher type = Pattern.compile("^Geometry: (.*)$", Pattern.MULTILINE).matcher(block);
            Matcher count = Pattern.compile("^Feature Count: (-?\\d+)$", Pattern.MULTILINE).matcher(block);
            Matcher extent = Pattern.compile("^Extent: \\((\\S+), (\\S+)\\) - \\((\\S+), (\\S+)\\)$", Pattern.MULTILINE).matcher(block);
            Matcher srs = Pattern.compile("^Layer SRS WKT:\\n(.*?)\\n(?:Data axis to CRS axis mapping|Geometry Column|FID Column|[A-Za-z_0-9]+: )", Pattern.MULTILINE | Pattern.DOTALL).matcher(block);
            String wkt = srs.find() ? srs.group(1).trim() : null;
            if (wkt != null && wkt.equals("(unknown)")) {
                wkt = null;
            }
            double[] box = extent.find() ? new double[] {Double.parseDouble(extent.group(1)), Double.parseDouble(extent.group(2)),
                    Double.parseDouble(extent.group(3)), Double.parseDouble(extent.group(4))} : null;
            layers.add(new LayerInfo(name.group(1).trim(), type.find() ? type.group(1).trim() : "Unknown", count.find() ? Long.parseLong(count.group(1)) : -1, wkt, box));
        }
        return layers;
    }

    /** libpq's words for a server that is down, restarting or gone (as ogr2ogr's PostgreSQL driver reports them). */
    private static final java.util.regex.Pattern LOST_DATABASE = java.util.regex.Pattern.compile(
            "PQconnectdb failed|could not connect to server|Connection refused|server closed the connection unexpectedly"
                    + "|terminating connection due to (administrator command|unexpected postmaster exit)|the database system is (shutting down|starting up|in recovery mode)"
                    + "|no connection to the server|connection to server .* failed");

    /** Whether a failed GDAL run lost its PostgreSQL connection (rather than failing on the file). */
    static boolean lostDatabase(String output) {
        return LOST_DATABASE.matcher(output).find();
    }

    /** Runs a GDAL tool; a non-zero exit becomes a bad-input error naming {@code argument} with GDAL's own message. */
    String run(List<String> command, Map<String, String> environment, String argument) {
        Path log = null;
        try {
            log = Files.createTempFile("landatlas-gdal", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(environment);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                throw new IllegalStateException(command.get(0) + " is not installed (GDAL's tools: run scripts/gdal.sh, or apt-get install gdal-bin)", e);
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw ApiException.badInput(argument, command.get(0) + " did not finish within " + timeout.toMinutes() + " min");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                if (lostDatabase(out)) {
                    // Not the file's fault: the caller gets UNAVAILABLE (503 with Retry-After) and can send it again.
                    throw new ApiException(ApiException.Code.UNAVAILABLE, argument, "GDAL could not reach the database: " + gdalMessage(out));
                }
                throw ApiException.badInput(argument, "GDAL could not read it: " + gdalMessage(out));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("running " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    /** ogr2ogr's PG: connection string for the service's own database (the password goes by {@link #pgEnvironment}). */
    static String pgConnection(org.springframework.core.env.Environment env) {
        java.net.URI u = java.net.URI.create(env.getProperty("spring.datasource.url", "").substring("jdbc:".length()));
        return "PG:host=" + (u.getHost() == null ? "localhost" : u.getHost()) + " port=" + (u.getPort() < 0 ? 5432 : u.getPort())
                + " dbname=" + u.getPath().substring(1) + " user=" + env.getProperty("spring.datasource.username", "");
    }

    /** The environment of a GDAL process on the service's database: the password, and no statement timeout. */
    static Map<String, String> pgEnvironment(org.springframework.core.env.Environment env, String application) {
        return Map.of("PGPASSWORD", env.getProperty("spring.datasource.password", ""), "PGAPPNAME", application, "PGOPTIONS", "-c statement_timeout=0");
    }

    /** GDAL's error lines, without paths of our temporary directories and capped. */
    static String gdalMessage(String out) {
        // An error's reason may follow on lines of its own (libpq's "PQconnectdb failed." then why): they stay with it.
        List<String> errors = new java.util.ArrayList<>();
        boolean inError = false;
        for (String l : out.lines().toList()) {
            if (l.startsWith("ERROR") || l.startsWith("FAILURE")) {
                errors.add(l);
                inError = true;
            } else if (inError && !l.isBlank() && !l.startsWith("Warning") && !l.matches("^[0-9.]+.*done\\.?$") && !l.startsWith("0...")) {
                errors.set(errors.size() - 1, errors.get(errors.size() - 1) + " " + l.strip());
            } else {
                inError = false;
            }
        }
        errors = errors.stream().map(l -> l.replaceAll("/tmp/landatlas-import[^/ ]*/", "")).limit(5).toList();
        String m = errors.isEmpty() ? out.strip() : String.join("; ", errors);
        return m.length() > 600 ? m.substring(0, 600) + " …" : m;
    }
}
