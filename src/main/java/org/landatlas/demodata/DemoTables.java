package org.landatlas.demodata;

import java.util.HexFormat;
import java.util.List;

/** Every table the generator fills, in an order that satisfies the foreign keys when copied one after another. */
final class DemoTables {

    final CopyTable adminUnit = new CopyTable("admin_unit", "code", "level", "name", "kind", "parent_code", "county_code",
            "province_name", "city_name", "population", "households", "area_m2", "synthetic", "boundary", "seat");
    final CopyTable dem = new CopyTable("dem", "county_code", "rast", "resolution_m", "min_elevation_m", "max_elevation_m", "source", "synthetic");
    final CopyTable beltScheme = new CopyTable("belt_scheme", "id", "county_code", "name", "description", "is_default");
    final CopyTable belt = new CopyTable("belt", "id", "scheme_id", "code", "name", "min_elevation_m", "max_elevation_m",
            "recommended_industries", "colour");
    final CopyTable hsfProject = new CopyTable("high_standard_farmland_project", "id", "county_code", "township_code", "project_no",
            "name", "project_year", "status", "investment_wan_yuan", "planned_area_mu", "area_m2", "synthetic", "geom");
    final CopyTable parcel = new CopyTable("land_parcel", "id", "bsm", "tbbh", "county_code", "village_code", "class_system", "dlbm",
            "dlmc", "qsxz", "qsdwdm", "qsdwmc", "zldwdm", "zldwmc", "tbmj", "kcdlbm", "kcxs", "kcmj", "tbdlmj", "gdlx", "gdpdjb",
            "zzsxdm", "zzsxmc", "gddb", "czcsxm", "sjnf", "area_m2", "elevation_mean_m", "elevation_min_m", "elevation_max_m",
            "slope_mean_deg", "belt_id", "is_permanent_basic_farmland", "is_high_standard_farmland", "hsf_project_id", "circulation_status",
            "synthetic", "geom");
    final CopyTable household = new CopyTable("household", "id", "village_code", "household_no", "members", "contracted_area_mu", "synthetic");
    final CopyTable householdIdentity = new CopyTable("personal.household_identity", "household_id", "head_name", "id_number", "phone", "address");
    final CopyTable transferee = new CopyTable("transferee", "id", "county_code", "kind", "name", "credit_code", "established_year",
            "main_business", "synthetic");
    final CopyTable transfereeContact = new CopyTable("personal.transferee_contact", "transferee_id", "contact_name", "phone", "id_number");
    final CopyTable listing = new CopyTable("circulation_listing", "id", "listing_no", "county_code", "village_code", "title", "land_kind",
            "pooled", "area_mu", "price_yuan_per_mu_year", "term_years", "mode", "intended_use", "listed_on", "expires_on", "status",
            "road_access_m", "contact_office", "synthetic", "geom");
    final CopyTable listingParcel = new CopyTable("circulation_listing_parcel", "listing_id", "parcel_id");
    final CopyTable facility = new CopyTable("idle_facility", "id", "county_code", "village_code", "parcel_id", "kind", "name", "built_year",
            "floor_area_m2", "condition", "status", "listing_id", "synthetic", "geom");
    final CopyTable contract = new CopyTable("circulation_contract", "id", "contract_no", "filing_no", "county_code", "village_code",
            "listing_id", "transferee_id", "mode", "land_kind", "area_mu", "price_yuan_per_mu_year", "dividend_terms", "term_start",
            "term_end", "intended_use", "status", "signed_on", "filed_on", "registered", "synthetic", "geom");
    final CopyTable contractTransferor = new CopyTable("circulation_contract_transferor", "contract_id", "household_id", "area_mu");
    final CopyTable contractParcel = new CopyTable("circulation_contract_parcel", "contract_id", "parcel_id");
    final CopyTable statusHistory = new CopyTable("circulation_status_history", "id", "contract_id", "listing_id", "from_status",
            "to_status", "changed_at", "changed_by", "reason");
    final CopyTable dispute = new CopyTable("circulation_dispute", "id", "contract_id", "opened_on", "kind", "stage", "summary", "resolved_on");
    final CopyTable homestead = new CopyTable("homestead", "id", "county_code", "village_code", "parcel_id", "household_id",
            "certificate_no", "site_area_m2", "approved_area_m2", "occupancy", "idle_since", "surveyed_on", "revitalization_status",
            "synthetic", "geom");
    final CopyTable house = new CopyTable("rural_house", "id", "homestead_id", "floor_area_m2", "floors", "structure", "built_year",
            "condition", "footprint");
    final CopyTable revitalization = new CopyTable("homestead_revitalization", "id", "homestead_id", "mode", "counterparty_kind",
            "counterparty_name", "new_use", "term_start", "term_end", "annual_rent_yuan", "investment_wan_yuan", "status",
            "approved_on", "synthetic");
    final CopyTable transformer = new CopyTable("distribution_transformer", "id", "county_code", "village_code", "name", "asset_no",
            "rated_kva", "voltage_kv", "pv_hosting_ratio", "synthetic", "geom");
    final CopyTable pvSite = new CopyTable("pv_site", "id", "county_code", "village_code", "site_kind", "homestead_id", "facility_id",
            "parcel_id", "roof_type", "roof_area_m2", "usable_area_m2", "capacity_kw", "annual_hours", "grid_mode", "owner_type",
            "status", "filing_no", "transformer_id", "queue_position", "connected_on", "synthetic", "geom");
    final CopyTable protectionZone = new CopyTable("protection_zone", "id", "county_code", "zone_type", "name", "designated_year",
            "authority", "rules", "area_m2", "synthetic", "geom");
    final CopyTable road = new CopyTable("road", "id", "county_code", "road_class", "name", "ref", "width_m", "surface", "length_m",
            "synthetic", "geom");
    final CopyTable settlement = new CopyTable("settlement", "id", "county_code", "village_code", "name", "kind", "population",
            "synthetic", "geom");
    final CopyTable poi = new CopyTable("poi", "id", "county_code", "village_code", "kind", "name", "synthetic", "geom");
    final CopyTable target = new CopyTable("plan_target", "county_code", "target_year", "metric", "target_value", "unit", "cumulative",
            "source_document", "synthetic");

    List<CopyTable> inLoadOrder() {
        return List.of(adminUnit, dem, beltScheme, belt, hsfProject, parcel, household, householdIdentity, transferee,
                transfereeContact, listing, listingParcel, facility, contract, contractTransferor, contractParcel, statusHistory,
                dispute, homestead, house, revitalization, transformer, pvSite, protectionZone, road, settlement, poi, target);
    }

    /** One digest over every table: equal digests mean byte-identical data sets. */
    String digest() {
        try {
            var md = java.security.MessageDigest.getInstance("SHA-256");
            for (CopyTable t : inLoadOrder()) {
                md.update(t.name().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(t.digest());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
