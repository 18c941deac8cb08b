package org.landatlas.circulation;

import java.util.List;
import java.util.Map;

import org.landatlas.exchange.Exports;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Access;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * GraphQL: exportListings, exportContracts, exportIdleFacilities — the rows of the circulationListings,
 * circulationContracts and idleFacilities queries (the same WHERE, built by {@link CirculationQueries}) as a GIS
 * file. Field names fit a Shapefile's .dbf (at most 10 characters). Contracts carry their transferor households
 * and the transferee's contact: personal data as {@link Masking} rules it, in SQL, so unmasked values never leave
 * the database for a viewer without the permission.
 */
@Controller
class CirculationExportController {

    private final CirculationQueries queries;
    private final Exports exports;

    CirculationExportController(CirculationQueries queries, Exports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @MutationMapping
    Map<String, Object> exportListings(@RecordArgument ListingFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportListings");
        SqlWhere w = queries.listingsWhere(filter, viewer);
        return exports.exportMutation(viewer, "exportListings", "circulation_listing", "circulation_listings", format, shapefileEncoding, """
                SELECT t.id AS "ID", t.listing_no AS "LISTING_NO", t.title AS "TITLE", t.county_code AS "COUNTY", t.village_code AS "VILLAGE",
                       upper(t.land_kind) AS "LAND_KIND", t.pooled AS "POOLED", t.area_mu::float8 AS "AREA_MU", t.price_yuan_per_mu_year::float8 AS "PRICE",
                       t.term_years AS "TERM_YEARS", upper(t.mode) AS "MODE", t.intended_use AS "USE", t.listed_on AS "LISTED_ON", t.expires_on AS "EXPIRES_ON",
                       upper(t.status) AS "STATUS", t.road_access_m AS "ROAD_M", t.contact_office AS "OFFICE", t.synthetic AS "SYNTHETIC", t.geom
                FROM circulation_listing t WHERE\s""" + w.sql() + " ORDER BY t.listed_on DESC, t.id DESC", w.params());
    }

    @MutationMapping
    Map<String, Object> exportContracts(@RecordArgument ContractFilter filter, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportContracts");
        SqlWhere w = queries.contractsWhere(filter, viewer);
        // Personal columns: transferor households (all of a contract's, in household order, joined by "; ") and the
        // transferee's contact person; PD_MASKED says whether this file holds them masked.
        String name = Masking.sql(viewer, Masking.Kind.NAME, "i.head_name", "t.county_code", w);
        String idNumber = Masking.sql(viewer, Masking.Kind.ID_NUMBER, "i.id_number", "t.county_code", w);
        String phone = Masking.sql(viewer, Masking.Kind.PHONE, "i.phone", "t.county_code", w);
        String contact = Masking.sql(viewer, Masking.Kind.NAME, "c.contact_name", "tr.county_code", w);
        String contactPhone = Masking.sql(viewer, Masking.Kind.PHONE, "c.phone", "tr.county_code", w);
        String transferors = "(SELECT string_agg(%s, '; ' ORDER BY h.household_no) FROM circulation_contract_transferor x JOIN household h ON h.id = x.household_id"
                + " JOIN personal.household_identity i ON i.household_id = h.id WHERE x.contract_id = t.id)";
        return exports.exportMutation(viewer, "exportContracts", "circulation_contract", "circulation_contracts", format, shapefileEncoding,
                "SELECT t.id AS \"ID\", t.contract_no AS \"CONTRACT\", t.filing_no AS \"FILING_NO\", t.county_code AS \"COUNTY\", t.village_code AS \"VILLAGE\","
                        + " upper(t.mode) AS \"MODE\", upper(t.land_kind) AS \"LAND_KIND\", t.area_mu::float8 AS \"AREA_MU\", t.price_yuan_per_mu_year::float8 AS \"PRICE\","
                        + " t.dividend_terms AS \"DIVIDEND\", t.term_start AS \"TERM_START\", t.term_end AS \"TERM_END\", t.intended_use AS \"USE\","
                        + " upper(t.status) AS \"STATUS\", t.signed_on AS \"SIGNED_ON\", t.filed_on AS \"FILED_ON\", t.registered AS \"REGISTERED\","
                        + " tr.name AS \"TRANSFEREE\", upper(tr.kind) AS \"TF_KIND\", tr.credit_code AS \"TF_CREDIT\","
                        + " " + contact + " AS \"TF_CONTACT\", " + contactPhone + " AS \"TF_PHONE\","
                        + " (SELECT count(*) FROM circulation_contract_transferor x WHERE x.contract_id = t.id)::int AS \"HH_COUNT\","
                        + " " + transferors.formatted("h.household_no") + " AS \"HH_NO\","
                        + " " + transferors.formatted(name) + " AS \"HH_NAME\","
                        + " " + transferors.formatted(idNumber) + " AS \"HH_IDNO\","
                        + " " + transferors.formatted("coalesce(" + phone + ", '')") + " AS \"HH_PHONE\","
                        + " " + Masking.maskedSql(viewer, "t.county_code", w) + " AS \"PD_MASKED\", t.synthetic AS \"SYNTHETIC\", t.geom"
                        + " FROM circulation_contract t JOIN transferee tr ON tr.id = t.transferee_id"
                        + " LEFT JOIN personal.transferee_contact c ON c.transferee_id = tr.id"
                        + " WHERE " + w.sql() + " ORDER BY t.id", w.params());
    }

    @MutationMapping
    Map<String, Object> exportIdleFacilities(@Argument String adminCode, @Argument List<Double> bbox, @Argument List<String> statuses,
                                             @Argument List<String> kinds, @Argument String format, @Argument String shapefileEncoding) {
        Viewer viewer = Access.requireStaff("exportIdleFacilities");
        SqlWhere w = queries.facilitiesWhere(adminCode, bbox, statuses, kinds, viewer);
        return exports.exportMutation(viewer, "exportIdleFacilities", "idle_facility", "idle_facilities", format, shapefileEncoding, """
                SELECT t.id AS "ID", t.name AS "NAME", t.kind AS "KIND", t.county_code AS "COUNTY", t.village_code AS "VILLAGE", t.built_year AS "BUILT_YEAR",
                       t.floor_area_m2::float8 AS "FLOOR_M2", t.condition AS "CONDITION", t.status AS "STATUS", t.listing_id AS "LISTING_ID",
                       t.synthetic AS "SYNTHETIC", t.geom
                FROM idle_facility t WHERE\s""" + w.sql() + " ORDER BY t.id", w.params());
    }
}
