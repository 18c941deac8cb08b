package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/** DLTB Shapefiles made from demo parcels by ogr2ogr, as the import tests upload them. */
final class DltbTestFiles {

    private DltbTestFiles() {
    }

    /**
     * Demo parcels of {@code county} matching {@code where} (at most {@code limit}) as a zipped DLTB Shapefile (GBK, no
     * .cpg) in the county's truncated 3° Gauss-Kruger CRS, under new BSMs ('IMPT' and the parcel id) and TBBHs.
     */
    static byte[] zip(JdbcTemplate jdbc, String county, String where, String extraSelect, int limit) throws Exception {
        Path dir = Files.createTempDirectory("dltb");
        double lon = jdbc.queryForObject("SELECT ST_X(ST_Centroid(boundary)) FROM admin_unit WHERE code = ?", Double.class, county);
        int meridian = 3 * (int) Math.round(lon / 3);
        int epsg = 4534 + (meridian - 75) / 3;
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        URI u = URI.create(db.url().substring(5));
        String sql = "SELECT 'IMPT' || lpad(id::text, 10, '0') AS BSM, 'I' || lpad(row_number() OVER (ORDER BY id)::text, 7, '0') AS TBBH, dlbm AS DLBM, dlmc AS DLMC,"
                + " qsxz AS QSXZ, qsdwdm AS QSDWDM, qsdwmc AS QSDWMC, zldwdm AS ZLDWDM, zldwmc AS ZLDWMC, tbmj AS TBMJ, kcdlbm AS KCDLBM, kcxs AS KCXS, kcmj AS KCMJ,"
                + " tbdlmj AS TBDLMJ, gdlx AS GDLX, sjnf AS SJNF, geom" + extraSelect
                + " FROM land_parcel WHERE county_code = '" + county + "' AND " + where + " ORDER BY id LIMIT " + limit;
        Path shp = dir.resolve("DLTB.shp");
        ProcessBuilder b = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", shp.toString(),
                "PG:host=" + u.getHost() + " port=" + u.getPort() + " dbname=" + u.getPath().substring(1) + " user=" + db.user(),
                "-sql", sql, "-t_srs", "EPSG:" + epsg, "-lco", "ENCODING=CP936");
        b.environment().put("PGPASSWORD", db.password() == null ? "" : db.password());
        Process p = b.redirectErrorStream(true).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        Files.deleteIfExists(dir.resolve("DLTB.cpg"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("DLTB.")).toList()) {
                zip.putNextEntry(new ZipEntry("dltb/" + f.getFileName()));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
