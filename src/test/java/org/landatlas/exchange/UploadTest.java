package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.landatlas.platform.ApiException;

/** Uploads are bounded by what is actually read, never by what an archive declares. */
class UploadTest {

    private static byte[] zip(String name, int bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < bytes / zeros.length; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void aZipBombIsRefusedOnceItUnpacksPastTheLimitAndLeavesNothing() throws Exception {
        byte[] bomb = zip("dltb.dbf", 64 << 20);
        assertThat(bomb.length).isLessThan(1 << 20);
        long before;
        try (var tmp = Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            before = tmp.filter(p -> p.getFileName().toString().startsWith("landatlas-import")).count();
        }
        assertThatThrownBy(() -> Upload.save(new ByteArrayInputStream(bomb), "bomb.zip", 8 << 20))
                .isInstanceOf(ApiException.class).hasMessageContaining("unpacks to more than 8 MB");
        try (var tmp = Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(tmp.filter(p -> p.getFileName().toString().startsWith("landatlas-import")).count()).isEqualTo(before);
        }
    }

    @Test
    void anUploadLargerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> Upload.save(new ByteArrayInputStream(new byte[3 << 20]), "big.gpkg", 2 << 20))
                .isInstanceOf(ApiException.class).hasMessageContaining("larger than the limit of 2 MB");
    }

    @Test
    void namesAreReducedToTheirBaseAndTraversalInsideAZipIsRefused() throws Exception {
        try (Upload u = Upload.save(new ByteArrayInputStream("{}".getBytes()), "../../etc/x.geojson", 1 << 20)) {
            assertThat(u.fileName).isEqualTo("x.geojson");
            assertThat(u.directory.resolve("x.geojson")).exists();
        }
        assertThatThrownBy(() -> Upload.save(new ByteArrayInputStream(zip("/abs/evil.shp", 0)), "a.zip", 1 << 20))
                .isInstanceOf(ApiException.class).hasMessageContaining("points outside the archive");
        assertThatThrownBy(() -> Upload.save(new ByteArrayInputStream(new byte[0]), "..", 1 << 20))
                .isInstanceOf(ApiException.class).hasMessageContaining("not a usable file name");
    }
}
