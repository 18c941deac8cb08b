package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The README launcher's command-line doors (scripts/run.sh import / imports / export) against this running service. */
class ImportCliTest extends IntegrationTest {

    private static final String COUNTY = "150724";

    @Autowired
    private JdbcTemplate jdbc;

    @AfterEach
    void removeImportedParcels() {
        jdbc.update("DELETE FROM land_parcel WHERE bsm LIKE 'IMPT%'");
    }

    private record Run(int exit, String out) {
    }

    private Run run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("scripts/run.sh"));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(PostgisTestDatabase.projectRoot().toFile()).redirectErrorStream(true);
        b.environment().put("LANDATLAS_URL", "http://127.0.0.1:" + port);
        b.environment().put("LANDATLAS_TOKEN", adminToken());
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void aScriptedLoadUploadsReportsCommitsAndExports() throws Exception {
        Path file = Files.createTempFile("dltb", ".zip");
        Files.write(file, DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 25));
        Run imported = run("import", file.toString(), "--profile", "dltb", "--county", COUNTY, "--scope", "add", "--commit");
        assertThat(imported.exit()).as(imported.out()).isZero();
        assertThat(imported.out()).contains("checked").contains("committed").contains("added 25");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE bsm LIKE 'IMPT%'", Integer.class)).isEqualTo(25);

        Run listed = run("imports", "--county", COUNTY, "--limit", "1");
        assertThat(listed.exit()).as(listed.out()).isZero();
        assertThat(listed.out()).contains("committed").contains(file.getFileName().toString());

        // A file that breaks the rules: exit 2 and the report names the check; nothing is committed.
        Run rejected = run("import", file.toString(), "--profile", "dltb", "--county", "533401", "--commit");
        assertThat(rejected.exit()).as(rejected.out()).isEqualTo(2);
        assertThat(rejected.out()).contains("rejected").contains("BLOCK");

        Path out = Files.createTempFile("parcels", ".gpkg");
        Run exported = run("export", "--county", COUNTY, "--format", "gpkg", "--filter", "{\"landClassCodes\": [\"0101\", \"0102\", \"0103\"]}", "-o", out.toString());
        assertThat(exported.exit()).as(exported.out()).isZero();
        Process info = new ProcessBuilder("ogrinfo", "-ro", "-so", "-al", out.toString()).redirectErrorStream(true).start();
        String summary = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rows = Integer.parseInt(exported.out().replaceAll("(?s).*exported (\\d+) parcels.*", "$1"));
        assertThat(rows).isPositive();
        assertThat(summary).contains("Feature Count: " + rows);

        // Missing options and a wrong token are refused with what to do.
        assertThat(run("import", file.toString()).out()).contains("--profile");
        ProcessBuilder noToken = new ProcessBuilder("scripts/run.sh", "imports", "--county", COUNTY).directory(PostgisTestDatabase.projectRoot().toFile()).redirectErrorStream(true);
        noToken.environment().remove("LANDATLAS_TOKEN");
        Process p = noToken.start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("API token");
        assertThat(p.waitFor()).isEqualTo(1);
    }
}
