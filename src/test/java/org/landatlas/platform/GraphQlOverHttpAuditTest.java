package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.landatlas.testing.IntegrationTest;
import org.landatlas.testing.PostgisTestDatabase;

/**
 * The GraphQL-over-HTTP spec's audits (the reference implementation, npm graphql-http) against the running
 * service: every MUST-level audit has to pass.
 */
class GraphQlOverHttpAuditTest extends IntegrationTest {

    @Test
    void passesEveryMustLevelAudit() throws Exception {
        File webMap = PostgisTestDatabase.projectRoot().resolve("web-map").toFile();
        Process p = new ProcessBuilder("node", "scripts/graphql-http-audit.mjs", "http://127.0.0.1:" + port + "/graphql")
                .directory(webMap).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(out).as(out).containsPattern("\\d+ passed, 0 failed");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
