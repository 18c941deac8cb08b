package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Connections;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Ids;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Listings, contracts, transferees and idle facilities. The public sees listed land and listed facilities;
 * contracts (with their prices) and transferees are for staff of the county ({@link Access}). Household
 * identities are read only by {@link #transferors} and {@link #contacts}, which mask them.
 */
@Component
class CirculationQueries {

    static final Projection LISTING = new Projection("CirculationListing", "circulation_listing", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .scalar("listingNo", "t.listing_no")
            .scalar("title", "t.title")
            .key("countyCode", "t.county_code")
            .scalar("landKind", "upper(t.land_kind)")
            .scalar("pooled", "t.pooled")
            .scalar("areaMu", "t.area_mu")
            .scalar("priceYuanPerMuYear", "t.price_yuan_per_mu_year")
            .scalar("termYears", "t.term_years")
            .scalar("mode", "upper(t.mode)")
            .scalar("intendedUse", "t.intended_use")
            .scalar("listedOn", "t.listed_on")
            .scalar("expiresOn", "t.expires_on")
            .scalar("status", "upper(t.status)")
            .scalar("roadAccessM", "t.road_access_m")
            .scalar("contactOffice", "t.contact_office")
            .scalar("synthetic", "t.synthetic")
            .scalar("version", "t.version")
            .scalar("minTermYears", "t.min_term_years")
            .scalar("maxTermYears", "t.term_years")
            .scalar("modes", "ARRAY(SELECT upper(m) FROM unnest(t.modes) m)")
            .scalar("allowedUses", "t.allowed_uses")
            .scalar("transfereeConditions", "t.transferee_conditions")
            .scalar("updatedAt", "t.updated_at")
            .scalar("publicUrl", "'/listings/' || t.listing_no")
            .geometry("geometry", "t.geom");

    /** Contracts; status EXPIRING is derived: active with its term ending within the configured window. */
    final Projection CONTRACT;

    private static Projection contractProjection(int expiringDays) {
        return new Projection("CirculationContract", "circulation_contract", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .key("transfereeId", "t.transferee_id")
            .key("listingId", "t.listing_id")
            .scalar("contractNo", "t.contract_no")
            .scalar("filingNo", "t.filing_no")
            .key("countyCode", "t.county_code")
            .scalar("mode", "upper(t.mode)")
            .scalar("landKind", "upper(t.land_kind)")
            .scalar("areaMu", "t.area_mu")
            .scalar("priceYuanPerMuYear", "t.price_yuan_per_mu_year")
            .scalar("dividendTerms", "t.dividend_terms")
            .scalar("termStart", "t.term_start")
            .scalar("termEnd", "t.term_end")
            .scalar("termYears", "round(((t.term_end - t.term_start) / 365.25)::numeric, 1)")
            .scalar("intendedUse", "t.intended_use")
            .scalar("status", "upper(" + shownStatusSql("t", expiringDays) + ")")
            .scalar("signedOn", "t.signed_on")
            .scalar("filedOn", "t.filed_on")
            .scalar("registered", "t.registered")
            .scalar("transferorCount", "(SELECT count(*) FROM circulation_contract_transferor x WHERE x.contract_id = t.id)")
            .scalar("synthetic", "t.synthetic")
            .scalar("version", "t.version")
            .scalar("use", "upper(t.use_kind)")
            .scalar("supervision", "t.supervision")
            .key("collectiveVillageCode", "t.collective_village_code")
            .scalar("terminatedOn", "t.terminated_on")
            .scalar("terminationReason", "t.termination_reason")
            .scalar("dividendRule", "upper(t.dividend_rule)")
            .scalar("dividendBaseYuan", "t.dividend_base_yuan")
            .scalar("dividendProfitPct", "t.dividend_profit_pct")
            .scalar("mortgaged", "EXISTS (SELECT 1 FROM circulation_mortgage m WHERE m.contract_id = t.id AND m.released_on IS NULL)")
            .geometry("geometry", "t.geom");
    }

    /** SQL condition: contract {@code alias} is expiring (active, its term ends within {@code expiringDays} days). */
    static String expiringSql(String alias, int expiringDays) {
        return "(" + alias + ".status = 'active' AND " + alias + ".term_end <= current_date + " + expiringDays + ")";
    }

    /**
     * SQL of the status a contract shows, lower case: its stored status, or 'expiring' for an active contract whose
     * term ends within the window. The one statement of the derived status: GraphQL field, filter, statistics, tiles.
     */
    static String shownStatusSql(String alias, int expiringDays) {
        return "(CASE WHEN " + expiringSql(alias, expiringDays) + " THEN 'expiring' ELSE " + alias + ".status END)";
    }

    static final Projection TRANSFEREE = new Projection("Transferee", "transferee", "t.id")
            .key("id", "t.id")
            .scalar("name", "t.name")
            .scalar("kind", "upper(t.kind)")
            .scalar("creditCode", "t.credit_code")
            .scalar("establishedYear", "t.established_year")
            .scalar("mainBusiness", "t.main_business")
            .key("countyCode", "t.county_code")
            .scalar("circulatedAreaMu", "(SELECT coalesce(sum(c.area_mu), 0) FROM circulation_contract c WHERE c.transferee_id = t.id"
                    + " AND " + ActiveContracts.statusIn("c.status") + ")")
            .scalar("contractCount", "(SELECT count(*) FROM circulation_contract c WHERE c.transferee_id = t.id)")
            .scalar("synthetic", "t.synthetic");

    static final Projection FACILITY = new Projection("IdleFacility", "idle_facility", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .key("listingId", "t.listing_id")
            .scalar("name", "t.name")
            .scalar("kind", "t.kind")
            .scalar("builtYear", "t.built_year")
            .scalar("floorAreaM2", "t.floor_area_m2")
            .scalar("condition", "t.condition")
            .scalar("status", "t.status")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;
    private final int expiringDays;

    CirculationQueries(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units, CirculationProperties properties) {
        this.jdbc = jdbc;
        this.units = units;
        this.expiringDays = properties.expiringDays();
        this.CONTRACT = contractProjection(properties.expiringDays());
    }

    /** The rows of the listings query (and its export): what the viewer may see, then the filter. */
    SqlWhere listingsWhere(ListingFilter f, Viewer viewer) {
        SqlWhere w = new SqlWhere();
        CirculationPublicRows.LISTINGS.restrict(w, viewer);
        if (f != null) {
            f.restrict(w, "filter", units);
        }
        return w;
    }

    /** The rows of the contracts query (and its export) for staff: their counties, then the filter. */
    SqlWhere contractsWhere(ContractFilter f, Viewer staff) {
        SqlWhere w = new SqlWhere();
        Access.staffCountiesOnly(w, staff, "t.county_code");
        if (f != null) {
            f.restrict(w, "filter", units, expiringDays);
        }
        return w;
    }

    /** The rows of the idle-facilities query (and its export): what the viewer may see, then the arguments. */
    SqlWhere facilitiesWhere(String adminCode, List<Double> bbox, List<String> statuses, List<String> kinds, Viewer viewer) {
        SqlWhere w = new SqlWhere();
        CirculationPublicRows.FACILITIES.restrict(w, viewer);
        units.restrict(w, adminCode, "adminCode", "t.village_code");
        w.bbox(BBox.of(bbox, "bbox"), "t.geom");
        w.in(statuses, "t.status", false);
        w.in(kinds, "t.kind", false);
        return w;
    }

    Object listings(ListingFilter f, String order, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = listingsWhere(f, Viewer.current());
        String orderSql = switch (order == null ? "NEWEST" : order) {
            case "AREA_DESC" -> "t.area_mu DESC, t.id";
            case "PRICE_ASC" -> "t.price_yuan_per_mu_year ASC NULLS LAST, t.id";
            case "TERM_DESC" -> "t.term_years DESC, t.id";
            default -> "t.listed_on DESC, t.id DESC";
        };
        return Connections.fetch(jdbc, LISTING, "circulation_listing t", w, orderSql, page, selection);
    }

    Object contracts(ContractFilter f, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = contractsWhere(f, Access.requireStaff("circulationContracts"));
        return Connections.fetch(jdbc, CONTRACT, "circulation_contract t", w, "t.id", page, selection);
    }

    Object transferees(String countyCode, List<String> kinds, String nameContains, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        Access.staffCountiesOnly(w, Access.requireStaff("transferees"), "t.county_code");
        if (countyCode != null) {
            units.requireExisting("countyCode", countyCode);
            w.equal(countyCode, "t.county_code");
        }
        w.in(kinds, "t.kind", true);
        if (nameContains != null && !nameContains.isBlank()) {
            w.and("t.name LIKE " + w.param("%" + nameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"));
        }
        return Connections.fetch(jdbc, TRANSFEREE, "transferee t", w, "t.id", page, selection);
    }

    Object facilities(String adminCode, List<Double> bbox, List<String> statuses, List<String> kinds, PageRequest page,
                                   DataFetchingFieldSelectionSet selection) {
        SqlWhere w = facilitiesWhere(adminCode, bbox, statuses, kinds, Viewer.current());
        return Connections.fetch(jdbc, FACILITY, "idle_facility t", w, "t.id", page, selection);
    }

    /** One row by id, or null when it does not exist or the viewer may not see it ({@code access} adds the rule). */
    Map<String, Object> one(Projection projection, String table, Object id, SqlWhere access, DataFetchingFieldSelectionSet selection) {
        access.and("t.id = " + access.param(Ids.parse("id", id)));
        List<Map<String, Object>> rows = jdbc.query("SELECT " + projection.selectList(selection, "") + " FROM " + table + " t WHERE " + access.sql(),
                access.params(), SqlRows.ROWS);
        return rows.isEmpty() ? null : rows.get(0);
    }

    Map<String, Object> listing(Object id, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        CirculationPublicRows.LISTINGS.restrict(w, Viewer.current());
        return one(LISTING, "circulation_listing", id, w, selection);
    }

    Map<String, Object> contract(Object id, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        Access.staffCountiesOnly(w, Access.requireStaff("circulationContract"), "t.county_code");
        return one(CONTRACT, "circulation_contract", id, w, selection);
    }

    List<Map<String, Object>> byIds(Projection projection, String table, List<Long> ids) {
        return Connections.byIds(jdbc, projection, table, ids);
    }

    /** Ids of the parcels of each owner (listing or contract), for batch loading. */
    List<List<Long>> parcelIds(String linkTable, String ownerColumn, List<Long> owners) {
        Map<Long, List<Long>> byOwner = new HashMap<>();
        jdbc.query("SELECT " + ownerColumn + " AS o, parcel_id AS p FROM " + linkTable + " WHERE " + ownerColumn + " IN (:ids) ORDER BY parcel_id",
                Map.of("ids", owners), rs -> {
                    byOwner.computeIfAbsent(rs.getLong("o"), k -> new ArrayList<>()).add(rs.getLong("p"));
                });
        return owners.stream().map(o -> byOwner.getOrDefault(o, List.of())).toList();
    }

    List<List<Map<String, Object>>> children(String sql, List<Long> owners) {
        Map<Long, List<Map<String, Object>>> byOwner = new HashMap<>();
        for (Map<String, Object> row : jdbc.query(sql, Map.of("ids", owners), SqlRows.ROWS)) {
            byOwner.computeIfAbsent(((Number) row.get("owner")).longValue(), k -> new ArrayList<>()).add(row);
        }
        return owners.stream().map(o -> byOwner.getOrDefault(o, List.of())).toList();
    }

    /**
     * The transferor households of each contract with their shares. Contracts reach only staff of their county,
     * but the rule is checked again here; names, ID numbers and phones are masked without the personal-data
     * permission.
     */
    List<List<Map<String, Object>>> transferors(List<Map<String, Object>> contracts) {
        Viewer v = Viewer.current();
        Map<Long, String> county = Access.staffRows(v, contracts);
        Map<Long, List<Map<String, Object>>> byContract = new HashMap<>();
        if (!county.isEmpty()) {
            jdbc.query("""
                    SELECT x.contract_id, h.id AS household_id, h.household_no, x.area_mu, i.head_name, i.id_number, i.phone
                    FROM circulation_contract_transferor x JOIN household h ON h.id = x.household_id
                    JOIN personal.household_identity i ON i.household_id = h.id
                    WHERE x.contract_id IN (:ids) ORDER BY x.contract_id, h.household_no""", Map.of("ids", county.keySet()), rs -> {
                long contract = rs.getLong("contract_id");
                Map<String, Object> m = Masking.person(v, county.get(contract), "name", rs.getString("head_name"), rs.getString("id_number"), rs.getString("phone"));
                m.put("householdId", rs.getString("household_id"));
                m.put("householdNo", rs.getString("household_no"));
                m.put("areaMu", rs.getDouble("area_mu"));
                byContract.computeIfAbsent(contract, k -> new ArrayList<>()).add(m);
            });
        }
        return contracts.stream().map(c -> byContract.getOrDefault(((Number) c.get("id")).longValue(), List.of())).toList();
    }

    /** The contact person of each transferee (staff of its county only; masked without the permission). */
    List<Map<String, Object>> contacts(List<Map<String, Object>> transferees) {
        Viewer v = Viewer.current();
        Map<Long, String> county = Access.staffRows(v, transferees);
        Map<Long, Map<String, Object>> byTransferee = new HashMap<>();
        if (!county.isEmpty()) {
            jdbc.query("SELECT transferee_id, contact_name, phone, id_number FROM personal.transferee_contact WHERE transferee_id IN (:ids)",
                    Map.of("ids", county.keySet()), rs -> {
                        long id = rs.getLong("transferee_id");
                        byTransferee.put(id, Masking.person(v, county.get(id), "name", rs.getString("contact_name"), rs.getString("id_number"),
                                rs.getString("phone")));
                    });
        }
        List<Map<String, Object>> out = new ArrayList<>(transferees.size());
        transferees.forEach(t -> out.add(byTransferee.get(((Number) t.get("id")).longValue())));
        return out;
    }
}
