package org.landatlas.circulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.landatlas.parcel.ParcelCirculationStatuses;
import org.landatlas.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A parcel's circulation status is what its listings and contracts say, after every change, and nothing else sets it. */
class CirculationStatusTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ParcelCirculationStatuses statuses;

    @Test
    void theDemoCountiesAgreeWithTheirListingsAndContracts() {
        List<String> counties = jdbc.queryForList("SELECT DISTINCT county_code FROM land_parcel ORDER BY 1", String.class);
        assertThat(counties).isNotEmpty();
        for (String county : counties) {
            assertThat(statuses.mismatches(county)).as(county).isZero();
        }
        // Every status occurs, so the agreement is not that of an empty market.
        assertThat(jdbc.queryForList("SELECT DISTINCT circulation_status FROM land_parcel ORDER BY 1", String.class))
                .containsExactly("circulated", "listed", "none");
    }

    @Test
    void listingAndWithdrawingMovesTheParcelsAndTheSummary() {
        // A listing on offer whose parcels no contract holds: withdrawing it makes them none, listing it again listed.
        long listing = jdbc.queryForObject("""
                SELECT l.id FROM circulation_listing l WHERE l.status = 'listed' AND NOT EXISTS (
                  SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_contract_parcel cp ON cp.parcel_id = lp.parcel_id
                  JOIN circulation_contract c ON c.id = cp.contract_id WHERE lp.listing_id = l.id AND c.status IN ('signed', 'filed', 'active', 'disputed'))
                  AND NOT EXISTS (SELECT 1 FROM circulation_listing_parcel lp JOIN circulation_listing_parcel o ON o.parcel_id = lp.parcel_id
                                  JOIN circulation_listing ol ON ol.id = o.listing_id AND ol.id <> l.id AND ol.status IN ('listed', 'negotiating')
                                  WHERE lp.listing_id = l.id)
                ORDER BY l.id LIMIT 1""", Long.class);
        String county = jdbc.queryForObject("SELECT county_code FROM circulation_listing WHERE id = ?", String.class, listing);
        String staff = staffToken(county);
        double listedBefore = listedMu(county);
        double listingMu = jdbc.queryForObject("""
                SELECT sum(p.area_mu)::float8 FROM circulation_listing_parcel lp JOIN land_parcel p ON p.id = lp.parcel_id WHERE lp.listing_id = ?""",
                Double.class, listing);

        JsonNode r = graphqlAs(staff, "mutation { setListingStatus(id: \"" + listing + "\", status: WITHDRAWN, reason: \"流出方撤回\", expectedVersion: "
                + version(listing) + ") { status parcels { circulationStatus } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        r.path("data").path("setListingStatus").path("parcels").forEach(p -> assertThat(p.path("circulationStatus").asString()).isEqualTo("NONE"));
        assertThat(listedMu(county)).isCloseTo(listedBefore - listingMu, org.assertj.core.data.Offset.offset(0.05));
        assertThat(statuses.mismatches(county)).isZero();

        // A withdrawn listing is reopened as a draft, then listed again (with a closing date after today: a past
        // one is refused, see ListingWorkflowTest).
        jdbc.update("UPDATE circulation_listing SET expires_on = current_date + 90 WHERE id = ?", listing);
        r = graphqlAs(staff, "mutation { setListingStatus(id: \"" + listing + "\", status: DRAFT, reason: \"重新挂牌\", expectedVersion: " + version(listing)
                + ") { status } }");
        assertThat(r.path("data").path("setListingStatus").path("status").asString()).as(r.toString()).isEqualTo("DRAFT");
        r = graphqlAs(staff, "mutation { setListingStatus(id: \"" + listing + "\", status: LISTED, reason: \"重新挂牌\", expectedVersion: " + version(listing)
                + ") { parcels { circulationStatus } } }");
        assertThat(r.path("errors").isMissingNode()).as(r.toString()).isTrue();
        r.path("data").path("setListingStatus").path("parcels").forEach(p -> assertThat(p.path("circulationStatus").asString()).isEqualTo("LISTED"));
        assertThat(listedMu(county)).isCloseTo(listedBefore, org.assertj.core.data.Offset.offset(0.05));
        assertThat(statuses.mismatches(county)).isZero();
    }

    @Test
    void aParcelUnderAContractInForceIsNotPutOnOffer() {
        // A draft listing of a parcel held by an active contract cannot go on offer; the parcel stays circulated.
        long parcel = jdbc.queryForObject("""
                SELECT cp.parcel_id FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                WHERE c.status = 'active' ORDER BY cp.parcel_id LIMIT 1""", Long.class);
        String county = jdbc.queryForObject("SELECT county_code FROM land_parcel WHERE id = ?", String.class, parcel);
        long listing = jdbc.queryForObject("""
                INSERT INTO circulation_listing (listing_no, county_code, village_code, title, land_kind, area_mu, term_years, mode, listed_on, status, geom)
                SELECT 'STATUSTEST' || id, county_code, village_code, '重复挂牌', 'farmland', area_mu, 5, 'lease', current_date, 'draft', geom
                FROM land_parcel WHERE id = ? RETURNING id""", Long.class, parcel);
        jdbc.update("INSERT INTO circulation_listing_parcel (county_code, listing_id, parcel_id) VALUES (?, ?, ?)", county, listing, parcel);
        try {
            JsonNode r = graphqlAs(staffToken(county), "mutation { setListingStatus(id: \"" + listing + "\", status: LISTED, reason: \"挂牌\", expectedVersion: 0) { status } }");
            assertThat(r.path("errors").get(0).path("message").asString()).as(r.toString()).contains("parcel " + parcel).contains("held by contract");
            assertThat(jdbc.queryForObject("SELECT status FROM circulation_listing WHERE id = ?", String.class, listing)).isEqualTo("draft");
            assertThat(jdbc.queryForObject("SELECT circulation_status FROM land_parcel WHERE id = ?", String.class, parcel)).isEqualTo("circulated");
        } finally {
            jdbc.update("DELETE FROM circulation_listing WHERE id = ?", listing);
            statuses.refresh(List.of(parcel));
        }
        assertThat(statuses.mismatches(county)).isZero();
    }

    @Test
    void theStatusCannotBeSetByHand() {
        long parcel = jdbc.queryForObject("SELECT id FROM land_parcel ORDER BY id LIMIT 1", Long.class);
        JsonNode r = graphqlAs(adminToken(), "mutation { setParcelCirculationStatus(ids: [\"" + parcel + "\"], status: LISTED, reason: \"x\") { id } }");
        assertThat(r.path("errors").get(0).path("message").asString()).contains("setParcelCirculationStatus");
        assertThat(r.path("data").isMissingNode() || r.path("data").isNull()).isTrue();
    }

    private int version(long listing) {
        return jdbc.queryForObject("SELECT version FROM circulation_listing WHERE id = ?", Integer.class, listing);
    }

    private double listedMu(String county) {
        JsonNode r = graphql("{ adminUnit(code: \"" + county + "\") { summary { listedMu } } }");
        return r.path("data").path("adminUnit").path("summary").path("listedMu").asDouble();
    }
}
