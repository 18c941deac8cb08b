package org.landatlas.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.landatlas.parcel.ParcelCirculationStatuses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.landatlas.testing.Http;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Imports under failure: the database connection of a commit killed half-way (as when the process dies) and of
 * ogr2ogr killed while staging leave the database as it was, and the job can be committed again; staging tables of
 * jobs that are gone are dropped at start; a commit that races map users' edits of the same parcels loses neither.
 */
class ImportFailureTest extends IntegrationTest {

    @Autowired
    ParcelCirculationStatuses parcelStatuses;

    private static final String COUNTY = "150724";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ImportService imports;

    @AfterEach
    void removeImportedParcels() {
        jdbc.update("DELETE FROM land_parcel WHERE bsm LIKE 'IMPT%'");
    }

    private HttpResponse<String> send(String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + adminToken());
        b = body == null ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode stage(byte[] zip) throws Exception {
        HttpResponse<String> r = send("/exchange/imports?profile=dltb&county=" + COUNTY + "&fileName=dltb.zip&scope=add", zip);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode job = Http.JSON.readTree(r.body());
        assertThat(job.path("status").asString()).as(r.body()).isEqualTo("checked");
        return job;
    }

    /** Terminates, once, the backend of the first statement that {@code matches} (a LIKE pattern of pg_stat_activity). */
    private CompletableFuture<Boolean> killWhenRunning(String column, String matches) {
        return CompletableFuture.supplyAsync(() -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                List<Integer> pids = jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE " + column + " LIKE ? AND state = 'active' AND pid <> pg_backend_pid()",
                        Integer.class, matches);
                if (!pids.isEmpty()) {
                    return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pids.get(0)));
                }
                Thread.onSpinWait();
            }
            return false;
        });
    }

    @Test
    void aCommitKilledHalfWayChangesNothingAndCanBeCommittedAgain() throws Exception {
        byte[] zip = DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 5000);
        JsonNode job = stage(zip);
        long id = job.path("id").asLong();
        long before = jdbc.queryForObject("SELECT count(*) FROM land_parcel", Long.class);
        // The upsert of the merge is the long statement; its connection dies under it.
        CompletableFuture<Boolean> killed = killWhenRunning("query", "%INSERT INTO land_parcel%dltb_incoming%");
        HttpResponse<String> r = send("/exchange/imports/" + id + "/commit", null);
        assertThat(killed.get(70, TimeUnit.SECONDS)).as("the merge's backend was found and killed").isTrue();
        assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(500);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel", Long.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM import_change WHERE job_id = ?", Integer.class, id)).isZero();
        assertThat(jdbc.queryForObject("SELECT status FROM import_job WHERE id = ?", String.class, id)).isEqualTo("checked");
        // Its staged rows are intact: the commit goes through on the second try.
        HttpResponse<String> again = send("/exchange/imports/" + id + "/commit", null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        int added = Http.JSON.readTree(again.body()).path("result").path("added").asInt();
        assertThat(added).isEqualTo(job.path("features").asInt());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel", Long.class)).isEqualTo(before + added);
    }

    @Test
    void ogr2ogrKilledWhileStagingLeavesNoJobAndNoTable() throws Exception {
        byte[] zip = DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 5000);
        long jobs = jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class);
        CompletableFuture<Boolean> killed = killWhenRunning("application_name", "landatlas-import");
        HttpResponse<String> r = send("/exchange/imports?profile=dltb&county=" + COUNTY + "&fileName=dltb.zip", zip);
        if (killed.get(70, TimeUnit.SECONDS)) {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 599);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM import_job", Long.class)).isEqualTo(jobs);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'exchange_staging' AND tablename ~ '^job_[0-9]+$' AND tablename NOT IN (SELECT 'job_' || id FROM import_job)",
                Integer.class)).isZero();
    }

    @Test
    void stagingLeftByAProcessThatDiedIsDroppedAtStart() {
        jdbc.execute("CREATE TABLE exchange_staging.job_999999999 (row_no integer)");
        jdbc.execute("CREATE TABLE exchange_staging.export_0123456789abcdef01234567 (x integer)");
        imports.dropStaleStaging();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'exchange_staging' AND tablename IN ('job_999999999', 'export_0123456789abcdef01234567')",
                Integer.class)).isZero();
    }

    /** Staging tables are unlogged: a crash of PostgreSQL empties them, which TRUNCATE does here. */
    @Test
    void aCheckedJobWhoseStagedRowsACrashEmptiedFailsInsteadOfMerging() throws Exception {
        byte[] zip = DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 500);
        long id = stage(zip).path("id").asLong();
        long before = jdbc.queryForObject("SELECT count(*) FROM land_parcel", Long.class);
        jdbc.execute("TRUNCATE exchange_staging.job_" + id);
        HttpResponse<String> r = send("/exchange/imports/" + id + "/commit", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode p = Http.JSON.readTree(r.body());
        assertThat(p.path("argument").asString()).isEqualTo("id");
        assertThat(p.path("detail").asString()).contains("staged rows were lost").contains("upload the file again");
        assertThat(jdbc.queryForObject("SELECT status FROM import_job WHERE id = ?", String.class, id)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT error FROM import_job WHERE id = ?", String.class, id)).contains("lost");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel", Long.class)).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT to_regclass('exchange_staging.job_" + id + "') IS NULL", Boolean.class)).isTrue();

        // The same found at start: the job fails there, with the reason, and a sound checked job is left alone.
        long emptied = stage(zip).path("id").asLong();
        long sound = stage(zip).path("id").asLong();
        jdbc.execute("TRUNCATE exchange_staging.job_" + emptied);
        imports.dropStaleStaging();
        assertThat(jdbc.queryForObject("SELECT status FROM import_job WHERE id = ?", String.class, emptied)).isEqualTo("failed");
        assertThat(jdbc.queryForObject("SELECT to_regclass('exchange_staging.job_" + emptied + "') IS NULL", Boolean.class)).isTrue();
        assertThat(jdbc.queryForObject("SELECT status FROM import_job WHERE id = ?", String.class, sound)).isEqualTo("checked");
        assertThat(send("/exchange/imports/" + sound + "/cancel", null).statusCode()).isLessThan(300);
    }

    @Test
    void aReimportThatRacesMapUsersEditsKeepsBoth() throws Exception {
        byte[] first = DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", "", 2000);
        long id = stage(first).path("id").asLong();
        assertThat(send("/exchange/imports/" + id + "/commit", null).statusCode()).isEqualTo(200);
        // The newer survey renames every parcel; meanwhile a map user lists and withdraws a listing of some of the
        // same parcels, over and over: each change rewrites those parcels' circulation status in its transaction.
        byte[] newer = DltbTestFiles.zip(jdbc, COUNTY, "ST_IsValid(geom)", ", '新' || dlmc AS BZ", 2000);
        long id2 = stage(newer).path("id").asLong();
        // Land that circulates (farmland, garden, forest, grassland): the listing workflow refuses the rest.
        List<Long> edited = jdbc.queryForList("""
                SELECT p.id FROM land_parcel p JOIN land_class c ON c.class_system = p.class_system AND c.code = p.dlbm
                WHERE p.bsm LIKE 'IMPT%' AND c.class_group IN ('farmland', 'garden', 'forest', 'grassland') ORDER BY p.id LIMIT 20""", Long.class);
        long listing = jdbc.queryForObject("""
                INSERT INTO circulation_listing (listing_no, county_code, village_code, title, land_kind, area_mu, term_years, mode, listed_on,
                                                 status, synthetic, geom)
                SELECT 'RACE' || extract(epoch FROM now())::bigint, ?, min(village_code), '并发挂牌', 'farmland', sum(area_mu), 5, 'lease',
                       current_date, 'draft', false, ST_Multi(ST_Union(geom))
                FROM land_parcel WHERE id = ANY (?) RETURNING id""", Long.class, COUNTY, edited.toArray(Long[]::new));
        edited.forEach(p -> jdbc.update("INSERT INTO circulation_listing_parcel (county_code, listing_id, parcel_id) VALUES (?, ?, ?)", COUNTY, listing, p));
        AtomicBoolean committing = new AtomicBoolean(true);
        AtomicInteger edits = new AtomicInteger();
        CompletableFuture<Void> users = CompletableFuture.runAsync(() -> {
            // Until the commit is over, and always ending on LISTED: the cycle DRAFT → LISTED → WITHDRAWN → DRAFT of the listing workflow.
            while (committing.get() || edits.get() % 3 != 1) {
                String to = new String[] {"LISTED", "WITHDRAWN", "DRAFT"}[edits.get() % 3];
                int version = jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, listing);
                JsonNode r = graphqlAs(adminToken(), "mutation { setListingStatus(id: \"" + listing + "\", status: " + to + ", reason: \"挂牌\", expectedVersion: "
                        + version + ") { id } }");
                assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
                edits.incrementAndGet();
            }
        });
        HttpResponse<String> r = send("/exchange/imports/" + id2 + "/commit", null);
        committing.set(false);
        users.get(120, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Http.JSON.readTree(r.body()).path("result").path("changed").asInt()).isEqualTo(2000);
        assertThat(edits.get()).isPositive();
        // The users' status and the survey's remark are both there, on every edited parcel.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM land_parcel WHERE id = ANY (?) AND circulation_status = 'listed' AND bz LIKE '新%'",
                Integer.class, (Object) edited.toArray(Long[]::new))).isEqualTo(edited.size());
        // The listing was the user's doing, not the survey's: withdrawn and removed, the parcels are none again.
        jdbc.update("DELETE FROM circulation_listing WHERE id = ?", listing);
        parcelStatuses.refresh(edited);
    }
}
