package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.landatlas.LandAtlasApplication;
import org.landatlas.testing.PostgisTestDatabase;

/** Starting with a bad database or bad generator parameters ends with one clear message, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void unreachableDatabaseGivesAClearMessage(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/landatlas";
        assertThatThrownBy(() -> SpringApplication.run(LandAtlasApplication.class, "--spring.datasource.url=" + url,
                "--server.port=0", "--landatlas.demo.profile=none"))
                .hasMessageContaining("cannot connect");
        assertThat(output).contains("APPLICATION FAILED TO START").contains(url).contains("LANDATLAS_DB_URL");
        assertThat(output).doesNotContain("\tat org.postgresql").doesNotContain("HikariPool-1 - Exception during pool initialization");
    }

    @Test
    void unknownDatabaseIsNamed(CapturedOutput output) {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        String url = db.url().replaceFirst("/[^/?]+(\\?|$)", "/no_such_landatlas_db$1");
        assertThatThrownBy(() -> SpringApplication.run(LandAtlasApplication.class, "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--server.port=0", "--landatlas.demo.profile=none"))
                .hasMessageContaining("does not exist");
        assertThat(output).contains("APPLICATION FAILED TO START");
    }

    @Test
    void outOfRangeGeneratorParameterNamesTheSetting(CapturedOutput output) {
        PostgisTestDatabase.Connection db = PostgisTestDatabase.get();
        assertThatThrownBy(() -> SpringApplication.run(LandAtlasApplication.class, "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--server.port=0", "--landatlas.demo.profile=demo", "--landatlas.demo.parcels-per-county=10"))
                .hasStackTraceContaining("landatlas.demo.parcels-per-county");
        assertThat(output).contains("APPLICATION FAILED TO START").contains("LANDATLAS_DEMO_PARCELS").contains("between 50 and 2000000");
    }
}
