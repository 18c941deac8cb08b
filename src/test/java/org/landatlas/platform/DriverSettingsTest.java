package org.landatlas.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.landatlas.testing.IntegrationTest;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Oid;
import org.springframework.beans.factory.annotation.Autowired;

/** The service's connections carry the driver settings the viewport path was measured with (issue #9). */
class DriverSettingsTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void numbersComeAsTextAndTilesAsBinaryThroughTheBufferedSocket() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            BaseConnection pg = c.unwrap(BaseConnection.class);
            assertThat(pg.getQueryExecutor().useBinaryForReceive(Oid.FLOAT8)).as("float8 as text").isFalse();
            assertThat(pg.getQueryExecutor().useBinaryForReceive(Oid.INT8)).as("int8 as text").isFalse();
            assertThat(pg.getQueryExecutor().useBinaryForReceive(Oid.BYTEA)).as("bytea (tiles) binary").isTrue();
        }
        assertThat(dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getDataSourceProperties().getProperty("socketFactory"))
                .isEqualTo(BufferedSocketFactory.class.getName());
    }
}
