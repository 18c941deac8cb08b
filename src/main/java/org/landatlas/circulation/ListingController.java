package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Ids;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.RecordArgument;
import org.landatlas.platform.SqlValues;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** GraphQL of the listing workflow and of disputes (graphql-schema/circulation-listing.graphqls). */
@Controller
class ListingController {

    static final Projection DISPUTE = new Projection("Dispute", "circulation_dispute", "t.id")
            .key("id", "t.id")
            .key("contractId", "t.contract_id")
            .key("countyCode", "t.county_code")
            .scalar("parcelId", "t.parcel_id::text")
            .scalar("openedOn", "t.opened_on")
            .scalar("kind", "t.kind")
            .scalar("stage", "t.stage")
            .scalar("summary", "t.summary")
            .scalar("resolvedOn", "t.resolved_on")
            .scalar("outcome", "t.outcome")
            .scalar("version", "t.version")
            .scalar("ageDays", "(coalesce(t.resolved_on, current_date) - t.opened_on)")
            .scalar("contractNo", "(SELECT c.contract_no FROM circulation_contract c WHERE c.id = t.contract_id)");

    private final ListingWorkflow listings;
    private final DisputeWorkflow disputes;
    private final CirculationQueries queries;
    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;
    private final AuditLog audit;

    ListingController(ListingWorkflow listings, DisputeWorkflow disputes, CirculationQueries queries, NamedParameterJdbcTemplate jdbc,
            AdminUnitQueries units, AuditLog audit) {
        this.listings = listings;
        this.disputes = disputes;
        this.queries = queries;
        this.jdbc = jdbc;
        this.units = units;
        this.audit = audit;
    }

    // ------------------------------------------------------------------------------------------------ listings

    @MutationMapping
    Map<String, Object> createListing(@RecordArgument ListingInputs.NewListing input, DataFetchingFieldSelectionSet selection) {
        long id = listings.create(input);
        return queries.listing(id, selection);
    }

    @MutationMapping
    Map<String, Object> updateListing(@Argument String id, @RecordArgument ListingInputs.ListingChanges input, DataFetchingFieldSelectionSet selection) {
        listings.update(id, input);
        return queries.listing(id, selection);
    }

    @MutationMapping
    Map<String, Object> setListingStatus(@Argument String id, @Argument String status, @Argument String reason, @Argument Integer expectedVersion,
            DataFetchingFieldSelectionSet selection) {
        listings.setStatus(id, status, reason, expectedVersion);
        return queries.listing(id, selection);
    }

    @MutationMapping
    @Transactional
    boolean removeListingAttachment(@Argument String id) {
        Viewer v = Access.requireStaff("removeListingAttachment");
        long aid = Ids.parse("id", id);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT listing_id, county_code, file_name FROM circulation_attachment WHERE id = :id FOR UPDATE",
                Map.of("id", aid));
        if (rows.isEmpty() || rows.get(0).get("listing_id") == null) {
            // Documents of a dispute are the record of its proceedings and stay.
            throw ApiException.notFound("id", "no listing attachment " + aid);
        }
        String county = (String) rows.get(0).get("county_code");
        if (!v.isStaffIn(county)) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "id", "attachment " + aid + " is in county " + county + ", outside the counties of account "
                    + v.username());
        }
        jdbc.update("DELETE FROM circulation_attachment WHERE id = :id", Map.of("id", aid));
        audit.record("removeListingAttachment", "circulation_attachment", aid, county,
                Map.of("listingId", rows.get(0).get("listing_id"), "fileName", rows.get(0).get("file_name")), null);
        return true;
    }

    @QueryMapping
    Map<String, Object> circulationListingStatistics(@Argument String countyCode) {
        units.requireExisting("countyCode", countyCode);
        Access.requireStaffIn(countyCode, "circulationListingStatistics");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("countyCode", countyCode);
        out.put("byStatus", jdbc.queryForList("""
                SELECT upper(s) AS "status", count(l.id)::int AS "count", coalesce(sum(l.area_mu), 0)::float8 AS "areaMu"
                FROM unnest(:all::text[]) s LEFT JOIN circulation_listing l ON l.status = s AND l.county_code = :county
                GROUP BY s ORDER BY array_position(:all::text[], s)""",
                Map.of("county", countyCode, "all", "{" + String.join(",", ListingStatus.ALL) + "}")));
        // Age of the listings on offer: days since listed, in the bands a trading centre reviews them by.
        out.put("onOfferByAge", jdbc.queryForList("""
                SELECT b.label AS "band", count(l.id)::int AS "count", coalesce(sum(l.area_mu), 0)::float8 AS "areaMu"
                FROM (VALUES (0, '0-30', 0, 30), (1, '31-90', 31, 90), (2, '91-180', 91, 180), (3, '181+', 181, 1000000)) b (n, label, lo, hi)
                LEFT JOIN circulation_listing l ON l.county_code = :county AND %s AND current_date - l.listed_on BETWEEN b.lo AND b.hi
                GROUP BY b.n, b.label ORDER BY b.n""".formatted(SqlValues.in("l.status", ListingStatus.ON_OFFER)), Map.of("county", countyCode)));
        return out;
    }

    @BatchMapping(typeName = "CirculationListing")
    List<List<Map<String, Object>>> history(List<Map<String, Object>> rows) {
        // Who changed a listing is for staff of its county; the public sees none of it.
        Map<Long, String> mine = Access.staffRows(Viewer.current(), rows);
        List<List<Map<String, Object>>> all = mine.isEmpty() ? null : queries.children("""
                SELECT listing_id AS "owner", from_status AS "fromStatus", to_status AS "toStatus", changed_at AS "changedAt",
                       changed_by AS "changedBy", reason AS "reason"
                FROM circulation_status_history WHERE listing_id IN (:ids) ORDER BY changed_at, id""", new ArrayList<>(mine.keySet()));
        Map<Long, List<Map<String, Object>>> byId = new HashMap<>();
        if (all != null) {
            List<Long> keys = new ArrayList<>(mine.keySet());
            for (int i = 0; i < keys.size(); i++) {
                byId.put(keys.get(i), all.get(i));
            }
        }
        return rows.stream().map(r -> byId.getOrDefault(((Number) r.get("id")).longValue(), List.of())).toList();
    }

    @BatchMapping(typeName = "CirculationListing")
    List<List<Map<String, Object>>> attachments(List<Map<String, Object>> rows) {
        // The listing reached the viewer already (public rows), so its files may too.
        return queries.children("""
                SELECT listing_id AS "owner", id::text AS "id", file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes",
                       uploaded_at AS "uploadedAt", '/circulation/attachments/' || id AS "url"
                FROM circulation_attachment WHERE listing_id IN (:ids) ORDER BY id""", ids(rows));
    }

    @BatchMapping(typeName = "CirculationListing")
    List<List<Map<String, Object>>> facilities(List<Map<String, Object>> rows) {
        List<List<Map<String, Object>>> ids = queries.children("SELECT listing_id AS \"owner\", id AS \"id\" FROM idle_facility WHERE listing_id IN (:ids) ORDER BY id",
                ids(rows));
        List<Long> all = ids.stream().flatMap(List::stream).map(r -> ((Number) r.get("id")).longValue()).toList();
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        List<Map<String, Object>> loaded = all.isEmpty() ? List.of() : queries.byIds(CirculationQueries.FACILITY, "idle_facility", all);
        for (int i = 0; i < all.size(); i++) {
            byId.put(all.get(i), loaded.get(i));
        }
        return ids.stream().map(list -> list.stream().map(r -> byId.get(((Number) r.get("id")).longValue())).toList()).toList();
    }

    // ------------------------------------------------------------------------------------------------ disputes

    @MutationMapping
    Map<String, Object> openDispute(@RecordArgument DisputeWorkflow.NewDispute input, DataFetchingFieldSelectionSet selection) {
        return dispute(disputes.open(input), selection);
    }

    @MutationMapping
    Map<String, Object> addDisputeStep(@Argument String id, @RecordArgument DisputeWorkflow.NewStep input, DataFetchingFieldSelectionSet selection) {
        disputes.addStep(id, input);
        return dispute(Ids.parse("id", id), selection);
    }

    @MutationMapping
    Map<String, Object> resolveDispute(@Argument String id, @Argument Integer expectedVersion, @Argument java.time.LocalDate resolvedOn,
            @Argument String outcome, DataFetchingFieldSelectionSet selection) {
        disputes.resolve(id, expectedVersion, resolvedOn, outcome);
        return dispute(Ids.parse("id", id), selection);
    }

    @QueryMapping
    Map<String, Object> circulationDispute(@Argument String id, DataFetchingFieldSelectionSet selection) {
        Access.requireStaff("circulationDispute");
        return dispute(Ids.parse("id", id), selection);
    }

    @QueryMapping
    Object circulationDisputes(@Argument String countyCode, @Argument List<String> stages, @Argument Boolean open, @Argument Integer openLongerThanDays,
            @Argument String contractId, @Argument String parcelId, @Argument Integer first, @Argument String after, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        Access.staffCountiesOnly(w, Access.requireStaff("circulationDisputes"), "t.county_code");
        if (countyCode != null) {
            units.requireExisting("countyCode", countyCode);
            w.equal(countyCode, "t.county_code");
        }
        w.in(stages, "t.stage", true);
        if (open != null) {
            w.and(open ? "t.resolved_on IS NULL" : "t.resolved_on IS NOT NULL");
        }
        if (openLongerThanDays != null) {
            if (openLongerThanDays < 0) {
                throw ApiException.badInput("openLongerThanDays", "must not be negative, got " + openLongerThanDays);
            }
            w.and("t.resolved_on IS NULL AND current_date - t.opened_on > " + w.param(openLongerThanDays));
        }
        if (contractId != null) {
            w.and("t.contract_id = " + w.param(Ids.parse("contractId", contractId)));
        }
        if (parcelId != null) {
            long p = Ids.parse("parcelId", parcelId);
            // A parcel's disputes: those over it and those over the contracts that hold it.
            w.and("(t.parcel_id = " + w.param(p) + " OR t.contract_id IN (SELECT cp.contract_id FROM circulation_contract_parcel cp WHERE cp.parcel_id = "
                    + w.param(p) + "))");
        }
        // Oldest open first: the ones overdue for attention lead.
        return Connections.fetch(jdbc, DISPUTE, "circulation_dispute t", w, "t.opened_on, t.id", PageRequest.of(first, after, null, null), selection);
    }

    @QueryMapping
    List<Map<String, Object>> circulationDisputeStatistics(@Argument String countyCode) {
        units.requireExisting("countyCode", countyCode);
        Access.requireStaffIn(countyCode, "circulationDisputeStatistics");
        return jdbc.queryForList("""
                SELECT upper(s) AS "stage", count(d.id)::int AS "count",
                       count(d.id) FILTER (WHERE current_date - d.opened_on <= 30)::int AS "upTo30Days",
                       count(d.id) FILTER (WHERE current_date - d.opened_on BETWEEN 31 AND 90)::int AS "upTo90Days",
                       count(d.id) FILTER (WHERE current_date - d.opened_on > 90)::int AS "over90Days",
                       coalesce(max(current_date - d.opened_on), 0)::int AS "oldestDays"
                FROM unnest(:stages::text[]) s LEFT JOIN circulation_dispute d ON d.stage = s AND d.county_code = :county AND d.resolved_on IS NULL
                GROUP BY s ORDER BY array_position(:stages::text[], s)""",
                Map.of("county", countyCode, "stages", "{" + String.join(",", DisputeWorkflow.STAGES) + "}"));
    }

    @BatchMapping(typeName = "Dispute")
    List<List<Map<String, Object>>> steps(List<Map<String, Object>> rows) {
        return queries.children("""
                SELECT dispute_id AS "owner", id::text AS "id", upper(stage) AS "stage", started_on AS "startedOn", ended_on AS "endedOn",
                       outcome AS "outcome", recorded_by AS "recordedBy", recorded_at AS "recordedAt"
                FROM circulation_dispute_step WHERE dispute_id IN (:ids) ORDER BY started_on, id""", ids(rows));
    }

    @BatchMapping(typeName = "Dispute")
    List<List<Map<String, Object>>> documents(List<Map<String, Object>> rows) {
        return queries.children("""
                SELECT dispute_id AS "owner", id::text AS "id", file_name AS "fileName", content_type AS "contentType", size_bytes AS "sizeBytes",
                       uploaded_at AS "uploadedAt", '/circulation/attachments/' || id AS "url"
                FROM circulation_attachment WHERE dispute_id IN (:ids) ORDER BY id""", ids(rows));
    }

    private Map<String, Object> dispute(long id, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        Access.staffCountiesOnly(w, Access.requireStaff("circulationDispute"), "t.county_code");
        return queries.one(DISPUTE, "circulation_dispute", id, w, selection);
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
