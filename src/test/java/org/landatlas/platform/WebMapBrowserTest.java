package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;

/**
 * The web map in real headless Chromium (web-map/test/e2e.mjs, Playwright driving Debian's Chromium) against
 * this running service and its demo data: loading without errors, parcels drawn at county and parcel zoom,
 * clicks, filters, search, language, shared URLs; sign-in, the administration panel (audit log, accounts, API
 * tokens) and staff views of personal data. Screenshots go to target/screenshots.
 */
class WebMapBrowserTest extends IntegrationTest {

    @Test
    void theMapWorksInABrowser() throws Exception {
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        assertThat(new File(chromium)).as("Chromium at %s (scripts/test.sh installs Debian's chromium package)", chromium).exists();
        File webMap = PostgisTestDatabase.projectRoot().resolve("web-map").toFile();
        ProcessBuilder pb = new ProcessBuilder("node", "test/e2e.mjs", "http://127.0.0.1:" + port).directory(webMap).redirectErrorStream(true);
        pb.environment().put("SCREENSHOTS", PostgisTestDatabase.projectRoot().resolve("target/screenshots").toString());
        pb.environment().put("CHROMIUM", chromium);
        // The administrator of the test database, for the sign-in and administration tests.
        pb.environment().put("ADMIN_USER", "admin");
        pb.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(6, TimeUnit.MINUTES)).as("e2e finished in time").isTrue();
        System.out.println(out);
        assertThat(out).as(out).containsPattern("(?m)^\\d+ passed, 0 failed$");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
