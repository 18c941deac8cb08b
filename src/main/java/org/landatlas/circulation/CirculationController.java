package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.RecordArgument;
import org.landatlas.parcel.ParcelQueries;
import org.landatlas.platform.Batches;
import org.landatlas.platform.PageRequest;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;

/** GraphQL: circulation listings, contracts, transferees and idle facilities (the listing and dispute mutations: ListingController). */
@Controller
class CirculationController {

    private final CirculationQueries queries;
    private final AdminUnitQueries units;
    private final ParcelQueries parcels;
    private final NamedParameterJdbcTemplate jdbc;

    CirculationController(CirculationQueries queries, AdminUnitQueries units, ParcelQueries parcels, NamedParameterJdbcTemplate jdbc) {
        this.queries = queries;
        this.units = units;
        this.parcels = parcels;
        this.jdbc = jdbc;
    }

    @QueryMapping
    Object circulationListings(@RecordArgument ListingFilter filter, @Argument Integer first, @Argument String after,
                                            @Argument Integer last, @Argument String before, @Argument String orderBy,
                                            DataFetchingFieldSelectionSet selection) {
        return queries.listings(filter, orderBy, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    Map<String, Object> circulationListing(@Argument String id, DataFetchingFieldSelectionSet selection) {
        return queries.listing(id, selection);
    }

    @QueryMapping
    Object circulationContracts(@RecordArgument ContractFilter filter, @Argument Integer first, @Argument String after,
                                             @Argument Integer last, @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.contracts(filter, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    Map<String, Object> circulationContract(@Argument String id, DataFetchingFieldSelectionSet selection) {
        return queries.contract(id, selection);
    }

    @QueryMapping
    Object transferees(@Argument String countyCode, @Argument List<String> kinds, @Argument String nameContains,
                                    @Argument Integer first, @Argument String after, @Argument Integer last, @Argument String before,
                                    DataFetchingFieldSelectionSet selection) {
        return queries.transferees(countyCode, kinds, nameContains, PageRequest.of(first, after, last, before), selection);
    }

    @QueryMapping
    Object idleFacilities(@Argument String adminCode, @Argument List<Double> bbox, @Argument List<String> statuses,
                                       @Argument List<String> kinds, @Argument Integer first, @Argument String after, @Argument Integer last,
                                       @Argument String before, DataFetchingFieldSelectionSet selection) {
        return queries.facilities(adminCode, bbox, statuses, kinds, PageRequest.of(first, after, last, before), selection);
    }

    private Map<Map<String, Object>, Map<String, Object>> villages(List<Map<String, Object>> rows) {
        return Batches.bySource(rows, units.byCodes(rows.stream().map(r -> (String) r.get("villageCode")).toList()));
    }

    @BatchMapping(typeName = "CirculationListing", field = "village")
    Map<Map<String, Object>, Map<String, Object>> listingVillage(List<Map<String, Object>> rows) {
        return villages(rows);
    }

    @BatchMapping(typeName = "CirculationContract", field = "village")
    Map<Map<String, Object>, Map<String, Object>> contractVillage(List<Map<String, Object>> rows) {
        return villages(rows);
    }

    @BatchMapping(typeName = "IdleFacility", field = "village")
    Map<Map<String, Object>, Map<String, Object>> facilityVillage(List<Map<String, Object>> rows) {
        return villages(rows);
    }

    private List<List<Map<String, Object>>> parcelsOf(String linkTable, String ownerColumn, List<Map<String, Object>> owners) {
        List<List<Long>> ids = queries.parcelIds(linkTable, ownerColumn, owners.stream().map(o -> ((Number) o.get("id")).longValue()).toList());
        List<Long> all = ids.stream().flatMap(List::stream).distinct().toList();
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        List<Map<String, Object>> rows = parcels.byIds(all);
        for (int i = 0; i < all.size(); i++) {
            byId.put(all.get(i), rows.get(i));
        }
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (List<Long> list : ids) {
            out.add(list.stream().map(byId::get).toList());
        }
        return out;
    }

    @BatchMapping(typeName = "CirculationListing", field = "parcels")
    List<List<Map<String, Object>>> listingParcels(List<Map<String, Object>> listings) {
        return parcelsOf("circulation_listing_parcel", "listing_id", listings);
    }

    @BatchMapping(typeName = "CirculationContract", field = "parcels")
    List<List<Map<String, Object>>> contractParcels(List<Map<String, Object>> contracts) {
        return parcelsOf("circulation_contract_parcel", "contract_id", contracts);
    }

    @BatchMapping(typeName = "CirculationContract")
    Map<Map<String, Object>, Map<String, Object>> transferee(List<Map<String, Object>> contracts) {
        return Batches.bySource(contracts, queries.byIds(CirculationQueries.TRANSFEREE, "transferee",
                contracts.stream().map(c -> ((Number) c.get("transfereeId")).longValue()).toList()));
    }

    @BatchMapping(typeName = "CirculationContract")
    Map<Map<String, Object>, Map<String, Object>> listing(List<Map<String, Object>> contracts) {
        return Batches.bySource(contracts, queries.byIds(CirculationQueries.LISTING, "circulation_listing",
                contracts.stream().map(c -> c.get("listingId") == null ? null : ((Number) c.get("listingId")).longValue()).toList()));
    }

    @BatchMapping(typeName = "IdleFacility", field = "listing")
    Map<Map<String, Object>, Map<String, Object>> facilityListing(List<Map<String, Object>> facilities) {
        return Batches.bySource(facilities, queries.byIds(CirculationQueries.LISTING, "circulation_listing",
                facilities.stream().map(c -> c.get("listingId") == null ? null : ((Number) c.get("listingId")).longValue()).toList()));
    }

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> history(List<Map<String, Object>> contracts) {
        return queries.children("""
                SELECT contract_id AS "owner", from_status AS "fromStatus", to_status AS "toStatus", changed_at AS "changedAt",
                       changed_by AS "changedBy", reason AS "reason"
                FROM circulation_status_history WHERE contract_id IN (:ids) ORDER BY changed_at, id""", ids(contracts));
    }

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> disputes(List<Map<String, Object>> contracts) {
        return queries.children("""
                SELECT t.contract_id AS "owner", %s
                FROM circulation_dispute t WHERE t.contract_id IN (:ids) ORDER BY t.opened_on, t.id""".formatted(ListingController.DISPUTE.selectList(null, "")),
                ids(contracts));
    }

    @BatchMapping(typeName = "CirculationContract")
    List<List<Map<String, Object>>> transferors(List<Map<String, Object>> contracts) {
        return queries.transferors(contracts);
    }

    @BatchMapping(typeName = "Transferee")
    Map<Map<String, Object>, Map<String, Object>> contact(List<Map<String, Object>> transferees) {
        return Batches.bySource(transferees, queries.contacts(transferees));
    }

    private static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
    }
}
