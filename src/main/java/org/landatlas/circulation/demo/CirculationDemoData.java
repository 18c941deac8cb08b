package org.landatlas.circulation.demo;

import java.util.List;

import org.landatlas.circulation.InvestorSearch;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoParcel;
import org.landatlas.demodata.DemoTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The land market of each county: transferees (enterprises, cooperatives, family farms …), idle farm facilities
 * on the facility plots, and listings and contracts over clusters of neighbouring parcels with their transferors,
 * status history and disputes.
 */
@Component
@Order(400)
class CirculationDemoData implements DemoDataPart {

    static final DemoTable TRANSFEREE = DemoTable.serial("transferee", "id", "county_code", "kind", "name", "credit_code",
            "established_year", "main_business", "synthetic");
    static final DemoTable TRANSFEREE_CONTACT = DemoTable.keyed("personal.transferee_contact", "transferee_id", "contact_name",
            "phone", "id_number");
    static final DemoTable LISTING = DemoTable.serial("circulation_listing", "id", "listing_no", "county_code", "village_code",
            "title", "land_kind", "pooled", "area_mu", "price_yuan_per_mu_year", "term_years", "mode", "intended_use", "listed_on",
            "expires_on", "status", "road_access_m", "contact_office", "synthetic", "geom", "modes", "min_term_years");
    static final DemoTable LISTING_PARCEL = DemoTable.keyed("circulation_listing_parcel", "listing_id", "parcel_id", "county_code");
    static final DemoTable IDLE_FACILITY = DemoTable.serial("idle_facility", "id", "county_code", "village_code", "parcel_id", "kind",
            "name", "built_year", "floor_area_m2", "condition", "status", "listing_id", "synthetic", "geom");
    static final DemoTable CONTRACT = DemoTable.serial("circulation_contract", "id", "contract_no", "filing_no", "county_code",
            "village_code", "listing_id", "transferee_id", "mode", "land_kind", "area_mu", "price_yuan_per_mu_year", "dividend_terms",
            "term_start", "term_end", "intended_use", "status", "signed_on", "filed_on", "registered", "synthetic", "geom");
    static final DemoTable CONTRACT_TRANSFEROR = DemoTable.keyed("circulation_contract_transferor", "contract_id", "household_id",
            "area_mu", "county_code");
    static final DemoTable CONTRACT_PARCEL = DemoTable.keyed("circulation_contract_parcel", "contract_id", "parcel_id", "county_code");
    static final DemoTable STATUS_HISTORY = DemoTable.serial("circulation_status_history", "id", "contract_id", "listing_id",
            "from_status", "to_status", "changed_at", "changed_by", "reason", "county_code");
    static final DemoTable DISPUTE = DemoTable.serial("circulation_dispute", "id", "contract_id", "county_code", "opened_on", "kind", "stage",
            "summary", "resolved_on", "contract_status_before");
    static final DemoTable DISPUTE_STEP = DemoTable.serial("circulation_dispute_step", "id", "dispute_id", "stage", "started_on", "ended_on",
            "recorded_by", "county_code");

    /** No demo attachments; listed so a demo load truncates it with the listings and disputes it references. */
    static final DemoTable ATTACHMENT = DemoTable.serial("circulation_attachment", "id", "listing_id", "dispute_id", "county_code", "file_name",
            "content_type", "size_bytes", "sha256", "content", "uploaded_by");

    /** Not generated but derived after the load (afterLoad); listed so that a reload empties them with the parcels they refer to. */
    static final DemoTable SEARCH_PARCEL = DemoTable.keyed("circulation_search_parcel", "parcel_id");
    static final DemoTable SEARCH_ADJACENCY = DemoTable.keyed("circulation_parcel_adjacency", "parcel_a", "parcel_b", "county_code");
    // Contract work of staff (V24): the demo draws no rows, but a reload empties them with the contracts they belong to.
    static final DemoTable CONTRACT_PAYMENT = DemoTable.serial("circulation_contract_payment", "id", "contract_id", "due_on", "amount_yuan", "paid", "county_code");
    static final DemoTable SHAREHOLDER = DemoTable.serial("circulation_contract_shareholder", "id", "contract_id", "household_id",
            "collective_village_code", "share_pct", "county_code");
    static final DemoTable DIVIDEND = DemoTable.serial("circulation_dividend", "id", "contract_id", "year", "declared_profit_yuan", "total_yuan",
            "paid_on", "recorded_by", "county_code");
    static final DemoTable DIVIDEND_SHARE = DemoTable.keyed("circulation_dividend_share", "dividend_id", "shareholder_id", "amount_yuan", "county_code");
    static final DemoTable MORTGAGE = DemoTable.serial("circulation_mortgage", "id", "contract_id", "lender", "amount_yuan", "term_start", "term_end",
            "registered_on", "released_on", "release_reason", "county_code");

    @Override
    public List<DemoTable> tables() {
        return List.of(TRANSFEREE, TRANSFEREE_CONTACT, LISTING, LISTING_PARCEL, IDLE_FACILITY, CONTRACT, CONTRACT_TRANSFEROR,
                CONTRACT_PARCEL, STATUS_HISTORY, DISPUTE, CONTRACT_PAYMENT, SHAREHOLDER, DIVIDEND, DIVIDEND_SHARE, MORTGAGE, SEARCH_PARCEL, SEARCH_ADJACENCY, DISPUTE_STEP, ATTACHMENT);
    }

    private final double searchMaxGapM;
    private final double searchMinSharedM;

    CirculationDemoData(@Value("${landatlas.search.max-gap-m:10}") double searchMaxGapM, @Value("${landatlas.search.min-shared-m:10}") double searchMinSharedM) {
        this.searchMaxGapM = searchMaxGapM;
        this.searchMinSharedM = searchMinSharedM;
    }

    /** The land search's rows and adjacency edges of the loaded listings (after parcels, belts and zones are derived). */
    @Override
    public List<String> afterLoad() {
        // The held kind beside each circulated parcel's status first (the generator writes the status alone).
        return List.of(org.landatlas.circulation.CirculationStatusRule.refreshAllSql(), InvestorSearch.rebuildAllSql(searchMaxGapM, searchMinSharedM));
    }

    @Override
    public CountyWork start(DemoCounty county) {
        Transferees transferees = new Transferees(county);
        LandMarket market = new LandMarket(county, transferees);
        IdleFacilities facilities = new IdleFacilities(county, market);
        return new CountyWork() {
            @Override
            public void parties() {
                transferees.make();
            }

            @Override
            public void plot(DemoParcel parcel) {
                if ("1202".equals(parcel.landClass())) {
                    facilities.build(parcel);
                }
            }

            @Override
            public void market() {
                market.trade();
            }
        };
    }
}
