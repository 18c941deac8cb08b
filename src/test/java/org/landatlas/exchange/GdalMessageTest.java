package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GDAL's error output as an import's error detail: the lines that say why, and none of our temporary paths. */
class GdalMessageTest {

    @Test
    void keepsTheReasonThatFollowsAnErrorOnItsOwnLine() {
        String out = "ERROR 1: PQconnectdb failed.\n"
                + "connection to server at \"127.0.0.1\", port 55432 failed: FATAL:  sorry, too many clients already\n"
                + "\n"
                + "ERROR 1: PostgreSQL driver doesn't currently support database creation.\n";
        assertThat(Gdal.gdalMessage(out))
                .isEqualTo("ERROR 1: PQconnectdb failed. connection to server at \"127.0.0.1\", port 55432 failed: FATAL:  sorry, too many clients already; "
                        + "ERROR 1: PostgreSQL driver doesn't currently support database creation.");
    }

    @Test
    void dropsProgressWarningsAndTemporaryPaths() {
        String out = "0...10...20...30...40...50...60...70...80...90...100 - done.\n"
                + "Warning 1: something harmless\n"
                + "ERROR 1: /tmp/landatlas-import123/dltb.shp: not recognized as a supported file format.\n";
        assertThat(Gdal.gdalMessage(out)).isEqualTo("ERROR 1: dltb.shp: not recognized as a supported file format.");
    }

    @Test
    void withoutErrorLinesTheWholeOutputIsTheMessage() {
        assertThat(Gdal.gdalMessage("  Segmentation fault\n")).isEqualTo("Segmentation fault");
    }

    @Test
    void aLostDatabaseIsToldApartFromABadFile() {
        assertThat(Gdal.lostDatabase("ERROR 1: PQconnectdb failed.\nconnection to server at \"127.0.0.1\", port 55432 failed: Connection refused\n")).isTrue();
        assertThat(Gdal.lostDatabase("ERROR 1: server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n")).isTrue();
        assertThat(Gdal.lostDatabase("ERROR 1: FATAL:  the database system is shutting down\n")).isTrue();
        assertThat(Gdal.lostDatabase("ERROR 1: dltb.shp: not recognized as a supported file format.\n")).isFalse();
        assertThat(Gdal.lostDatabase("ERROR 1: COPY statement failed.\nERROR:  invalid input syntax for type double precision: \"abc\"\n")).isFalse();
    }
}
