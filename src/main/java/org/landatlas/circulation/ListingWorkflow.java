package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.landatlas.parcel.ParcelFootprints;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.platform.Mu;
import org.landatlas.platform.SqlValues;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.region.RoadDistances;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.ScopedRows;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work on listings (挂牌 / 预流转): create, edit, change status, contracted (called by the contract feature),
 * expiry. Every change locks the listing row first and compares the version the officer edited, so of two
 * officers editing one listing the first wins and the second is told to reload; every status change is kept in
 * circulation_status_history with who and when, and the parcels' derived circulation status is refreshed in the
 * same transaction.
 */
@Component
class ListingWorkflow {

    static final int MAX_PARCELS = 1000;
    private static final Map<String, String> LAND_KIND_OF_GROUP = Map.of("farmland", "farmland", "grassland", "pasture", "forest", "forest",
            "garden", "garden");

    private final NamedParameterJdbcTemplate jdbc;
    private final ParcelFootprints footprints;
    private final ParcelAvailability parcelStatuses;
    private final AdminUnitQueries units;
    private final RoadDistances roads;
    private final AuditLog audit;

    ListingWorkflow(NamedParameterJdbcTemplate jdbc, ParcelFootprints footprints, ParcelAvailability parcelStatuses, AdminUnitQueries units,
            RoadDistances roads, AuditLog audit) {
        this.jdbc = jdbc;
        this.roads = roads;
        this.footprints = footprints;
        this.parcelStatuses = parcelStatuses;
        this.units = units;
        this.audit = audit;
    }

    /** The locked row of a listing: what the checks need. */
    record Locked(long id, String listingNo, String county, String status, int version, boolean pooled, boolean facility, boolean synthetic,
                  List<Long> parcels, List<Long> facilities) {
    }

    /** The facts of a listing after the checks (create, and update merged with the stored values). */
    private record Facts(String title, List<Long> parcels, List<Long> facilities, boolean pooled, Double price, Integer minTerm, int maxTerm,
                         List<String> modes, List<String> allowedUses, String intendedUse, String conditions, String office, LocalDate expiresOn) {
    }

    // ------------------------------------------------------------------------------------------------ create

    @Transactional
    long create(ListingInputs.NewListing in) {
        if (in == null) {
            throw ApiException.badInput("input", "give the listing");
        }
        if (in.countyCode() == null) {
            throw ApiException.badInput("input.countyCode", "give the county of the listing");
        }
        units.requireExisting("input.countyCode", in.countyCode());
        Viewer v = Access.requireStaffIn(in.countyCode(), "createListing");
        if (in.expiresOn() != null && in.expiresOn().isBefore(LocalDate.now())) {
            throw ApiException.badInput("input.expiresOn", in.expiresOn() + " is in the past");
        }
        Facts f = facts(in.title(), ids("input.parcelIds", in.parcelIds()), ids("input.facilityIds", in.facilityIds()),
                Boolean.TRUE.equals(in.pooled()), in.priceYuanPerMuYear(), in.minTermYears(), in.maxTermYears(), in.modes(), in.allowedUses(),
                in.intendedUse(), in.transfereeConditions(), in.contactOffice(),
                in.expiresOn() == null ? LocalDate.now().plusDays(180) : in.expiresOn());
        Offer offer = checkOffer(f, in.countyCode(), null);
        long id = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('circulation_listing', 'id'))", Map.of(), Long.class);
        String listingNo = in.countyCode() + "GP" + LocalDate.now().getYear() + String.format("%06d", id);
        MapSqlParameterSource p = params(f, offer, in.countyCode()).addValue("id", id).addValue("no", listingNo).addValue("county", in.countyCode())
                .addValue("by", v.username());
        jdbc.update("""
                INSERT INTO circulation_listing (id, listing_no, county_code, village_code, title, land_kind, pooled, area_mu, price_yuan_per_mu_year,
                    term_years, min_term_years, mode, modes, allowed_uses, intended_use, transferee_conditions, listed_on, expires_on, status,
                    contact_office, synthetic, geom, road_access_m, created_by, updated_by)
                VALUES (:id, :no, :county, :village, :title, :kind, :pooled, :area, :price, :maxTerm, :minTerm, :mode, :modes::text[],
                    :uses::text[], :use, :conditions, current_date, :expires, 'draft', :office, false, ST_GeomFromEWKB(:geom), :road, :by, :by)""", p);
        link(in.countyCode(), id, f);
        history(in.countyCode(), id, null, "draft", v.username(), "挂牌申请 created");
        audit.record("createListing", "circulation_listing", id, in.countyCode(), null, audited(f, offer));
        return id;
    }

    // ------------------------------------------------------------------------------------------------ update

    @Transactional
    void update(Object rawId, ListingInputs.ListingChanges ch) {
        if (ch == null) {
            throw ApiException.badInput("input", "give the changes");
        }
        Locked l = lock(rawId, "id", "updateListing", ch.expectedVersion(), "input.expectedVersion");
        if (!ListingStatus.EDITABLE.contains(l.status())) {
            throw ApiException.badInput("id", "listing " + l.listingNo() + " is " + l.status() + "; only draft, listed or negotiating listings can be edited");
        }
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT title, price_yuan_per_mu_year::float8 AS price, min_term_years, term_years, modes, allowed_uses, intended_use,
                       transferee_conditions, contact_office, expires_on FROM circulation_listing WHERE id = :id""", Map.of("id", l.id()));
        boolean landChanged = ch.parcelIds() != null || ch.facilityIds() != null || (ch.pooled() != null && ch.pooled() != l.pooled());
        if (landChanged && "negotiating".equals(l.status())) {
            throw ApiException.badInput("input.parcelIds", "listing " + l.listingNo() + " is negotiating: the land under negotiation cannot change (set it back to LISTED first)");
        }
        if (ch.negotiable() != null && ch.negotiable() && ch.priceYuanPerMuYear() != null) {
            throw ApiException.badInput("input.priceYuanPerMuYear", "give a price or negotiable: true, not both");
        }
        List<Long> parcels = ch.parcelIds() != null ? ids("input.parcelIds", ch.parcelIds()) : ch.facilityIds() != null ? List.of() : l.parcels();
        List<Long> facilities = ch.facilityIds() != null ? ids("input.facilityIds", ch.facilityIds()) : ch.parcelIds() != null ? List.of() : l.facilities();
        if (ch.facilityIds() == null && ch.parcelIds() != null && l.facility()) {
            // A facility listing's parcels are those of its facilities: change the facilities instead.
            throw ApiException.badInput("input.parcelIds", "listing " + l.listingNo() + " offers idle facilities; change facilityIds instead");
        }
        if (l.facility() && ch.facilityIds() == null) {
            parcels = List.of();
        }
        Double price = Boolean.TRUE.equals(ch.negotiable()) ? null : ch.priceYuanPerMuYear() != null ? ch.priceYuanPerMuYear() : (Double) row.get("price");
        Facts f = facts(or(ch.title(), row.get("title")), parcels, facilities, ch.pooled() != null ? ch.pooled() : l.pooled(), price,
                ch.minTermYears() != null ? ch.minTermYears() : row.get("min_term_years") == null ? null : ((Number) row.get("min_term_years")).intValue(),
                ch.maxTermYears() != null ? ch.maxTermYears() : ((Number) row.get("term_years")).intValue(),
                ch.modes() != null ? ch.modes() : upper(row.get("modes")), ch.allowedUses() != null ? ch.allowedUses() : strings(row.get("allowed_uses")),
                or(ch.intendedUse(), row.get("intended_use")), or(ch.transfereeConditions(), row.get("transferee_conditions")),
                or(ch.contactOffice(), row.get("contact_office")),
                ch.expiresOn() != null ? ch.expiresOn() : row.get("expires_on") == null ? null : ((java.sql.Date) row.get("expires_on")).toLocalDate());
        if (ch.expiresOn() != null && ch.expiresOn().isBefore(LocalDate.now())) {
            throw ApiException.badInput("input.expiresOn", ch.expiresOn() + " is in the past");
        }
        Offer offer = checkOffer(f, l.county(), l.id());
        MapSqlParameterSource p = params(f, offer, l.county()).addValue("id", l.id()).addValue("by", Viewer.current().username());
        jdbc.update("""
                UPDATE circulation_listing SET village_code = :village, title = :title, land_kind = :kind, pooled = :pooled, area_mu = :area,
                    price_yuan_per_mu_year = :price, term_years = :maxTerm, min_term_years = :minTerm, mode = :mode, modes = :modes::text[],
                    allowed_uses = :uses::text[], intended_use = :use, transferee_conditions = :conditions, contact_office = :office,
                    expires_on = :expires, geom = ST_GeomFromEWKB(:geom), road_access_m = :road, version = version + 1, updated_at = now(), updated_by = :by
                WHERE id = :id""", p);
        Set<Long> touched = new TreeSet<>(l.parcels());
        if (landChanged) {
            unlink(l.id());
            link(l.county(), l.id(), f);
            touched.addAll(f.parcels());
            touched.addAll(offer.facilityParcels());
        }
        // The parcels follow what the listing holds now (parcels left out go back to none or to another record).
        parcelStatuses.changed(touched);
        syncFacilities(l.id());
        audit.record("updateListing", "circulation_listing", l.id(), l.county(), Map.of("version", l.version()), changed(ch, offer));
    }

    // ------------------------------------------------------------------------------------------------ status

    /** setListingStatus: the changes staff make by hand ({@link ListingStatus#BY_HAND}). */
    @Transactional
    void setStatus(Object rawId, String status, String reason, Integer expectedVersion) {
        String why = ScopedRows.reason(reason);
        Locked l = lock(rawId, "id", "setListingStatus", expectedVersion, "expectedVersion");
        String to = status == null ? null : status.toLowerCase();
        if (to == null || !ListingStatus.ALL.contains(to)) {
            throw ApiException.badInput("status", "unknown status " + status);
        }
        if (to.equals(l.status())) {
            throw ApiException.badInput("status", "listing " + l.listingNo() + " is " + status + " already");
        }
        if (!ListingStatus.BY_HAND.get(l.status()).contains(to)) {
            String rule = switch (to) {
                case "contracted" -> "a listing becomes contracted when a contract is signed from it (createContract with the listing), never by hand";
                case "expired" -> "a listing expires by its closing date (expiresOn), never by hand";
                default -> "allowed from " + l.status() + ": " + ListingStatus.BY_HAND.get(l.status()).stream().sorted().map(String::toUpperCase).toList();
            };
            throw ApiException.badInput("status", "listing " + l.listingNo() + " cannot go from " + l.status().toUpperCase() + " to " + status.toUpperCase()
                    + ": " + rule);
        }
        if (ListingStatus.ON_OFFER.contains(to)) {
            // Going on offer: the land must still be free (another listing may have gone on offer, or a contract been signed, meanwhile).
            Facts f = storedFacts(l);
            // Demo listings are judged at the profile's as-of date, not today's (see expire()), unless they are listed
            // anew: listed_on becomes today, and a closing date before it cannot stand.
            boolean listedAnew = "draft".equals(l.status()) && "listed".equals(to);
            if ((!l.synthetic() || listedAnew) && f.expiresOn() != null && f.expiresOn().isBefore(LocalDate.now())) {
                throw ApiException.badInput("status", "listing " + l.listingNo() + " closes on " + f.expiresOn()
                        + ", in the past; set a later expiresOn with updateListing first");
            }
            checkOffer(f, l.county(), l.id());
        }
        String listedOn = "draft".equals(l.status()) && "listed".equals(to) ? ", listed_on = current_date" : "";
        jdbc.update("UPDATE circulation_listing SET status = :s, version = version + 1, updated_at = now(), updated_by = :by" + listedOn + " WHERE id = :id",
                Map.of("s", to, "id", l.id(), "by", Viewer.current().username()));
        history(l.county(), l.id(), l.status(), to, Viewer.current().username(), why);
        parcelStatuses.changed(allParcels(l));
        syncFacilities(l.id());
        audit.record("setListingStatus", "circulation_listing", l.id(), l.county(), Map.of("status", l.status().toUpperCase(), "version", l.version()),
                Map.of("status", to.toUpperCase(), "reason", why));
    }

    /**
     * A contract was signed from the listing: it becomes contracted. For the contract feature, in the transaction
     * that creates the contract (whose parcels then hold the land). Refused unless the listing is negotiating (or
     * listed: a deal struck at once) and the contract is of the same county and of this listing (or of none, then
     * it is linked here).
     */
    @Transactional
    void contracted(long listingId, long contractId) {
        Locked l = lockRow(listingId, "listingId");
        List<Map<String, Object>> c = jdbc.queryForList("SELECT county_code, listing_id, contract_no FROM circulation_contract WHERE id = :id FOR UPDATE",
                Map.of("id", contractId));
        if (c.isEmpty()) {
            throw ApiException.notFound("contractId", "no circulation contract with id " + contractId);
        }
        if (!l.county().equals(c.get(0).get("county_code"))) {
            throw ApiException.badInput("contractId", "contract " + c.get(0).get("contract_no") + " is of county " + c.get(0).get("county_code")
                    + ", listing " + l.listingNo() + " of " + l.county());
        }
        Object linked = c.get(0).get("listing_id");
        if (linked != null && ((Number) linked).longValue() != listingId) {
            throw ApiException.badInput("contractId", "contract " + c.get(0).get("contract_no") + " was signed from listing " + linked + ", not " + listingId);
        }
        if (!ListingStatus.ON_OFFER.contains(l.status())) {
            throw ApiException.badInput("listingId", "listing " + l.listingNo() + " cannot go from " + l.status().toUpperCase()
                    + " to CONTRACTED: only a listing on offer (LISTED or NEGOTIATING) is contracted");
        }
        jdbc.update("UPDATE circulation_contract SET listing_id = :l WHERE id = :c AND listing_id IS NULL", Map.of("l", listingId, "c", contractId));
        String by = Viewer.current().username();
        jdbc.update("UPDATE circulation_listing SET status = 'contracted', version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id",
                Map.of("id", l.id(), "by", by));
        history(l.county(), l.id(), l.status(), "contracted", by, "成交: 合同 " + c.get(0).get("contract_no"));
        parcelStatuses.changed(allParcels(l));
        syncFacilities(l.id());
    }

    /**
     * Listings on offer whose closing date has passed become expired. Demo listings are left alone: their statuses
     * are drawn at the profile's "as of" date, so the demo never depends on the clock. Answers how many expired.
     */
    @Transactional
    int expire() {
        List<Long> ids = jdbc.queryForList("SELECT id FROM circulation_listing WHERE " + SqlValues.in("status", ListingStatus.ON_OFFER)
                + " AND expires_on < current_date AND NOT synthetic ORDER BY id FOR UPDATE", Map.of(), Long.class);
        for (long id : ids) {
            Locked l = lockRow(id, "id");
            jdbc.update("UPDATE circulation_listing SET status = 'expired', version = version + 1, updated_at = now(), updated_by = 'system' WHERE id = :id",
                    Map.of("id", id));
            history(l.county(), id, l.status(), "expired", "system", "挂牌期满 closing date passed");
            parcelStatuses.changed(allParcels(l));
            syncFacilities(id);
        }
        return ids.size();
    }

    // ------------------------------------------------------------------------------------------------ checks

    /** Locks the listing (FOR NO KEY UPDATE: rows that only reference it, such as the land search's, are not blocked — an import refreshing the search while an officer changes the listing would deadlock otherwise), checks the viewer's county and the version the officer edited. */
    Locked lock(Object rawId, String argument, String action, Integer expectedVersion, String versionArgument) {
        Viewer v = Access.requireStaff(action);
        if (expectedVersion == null) {
            throw ApiException.badInput(versionArgument, "give the version you edited (the listing's version field), so a change made meanwhile is not overwritten");
        }
        Locked l = lockRow(Ids.parse(argument, rawId), argument);
        if (!v.isStaffIn(l.county())) {
            throw new ApiException(ApiException.Code.FORBIDDEN, argument, "listing " + l.listingNo() + " is in county " + l.county()
                    + ", outside the counties of account " + v.username() + "; nothing was changed");
        }
        if (l.version() != expectedVersion) {
            throw ApiException.staleVersion(versionArgument, "listing " + l.listingNo(), l.version(), expectedVersion);
        }
        return l;
    }

    private Locked lockRow(long id, String argument) {
        List<Locked> rows = jdbc.query("""
                SELECT id, listing_no, county_code, status, version, pooled, land_kind = 'facility' AS facility, synthetic FROM circulation_listing
                WHERE id = :id FOR NO KEY UPDATE""", Map.of("id", id), (rs, i) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getInt(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), List.of(), List.of()));
        if (rows.isEmpty()) {
            throw ApiException.notFound(argument, "no circulation listing with id " + id);
        }
        Locked l = rows.get(0);
        List<Long> facilities = jdbc.queryForList("SELECT id FROM idle_facility WHERE listing_id = :id ORDER BY id", Map.of("id", id), Long.class);
        List<Long> parcels = l.facility() && !facilities.isEmpty() ? List.of()
                : jdbc.queryForList("SELECT parcel_id FROM circulation_listing_parcel WHERE listing_id = :id ORDER BY parcel_id", Map.of("id", id), Long.class);
        return new Locked(l.id(), l.listingNo(), l.county(), l.status(), l.version(), l.pooled(), l.facility(), l.synthetic(), parcels, facilities);
    }

    private List<Long> allParcels(Locked l) {
        return jdbc.queryForList("SELECT parcel_id FROM circulation_listing_parcel WHERE listing_id = :id", Map.of("id", l.id()), Long.class);
    }

    private Facts storedFacts(Locked l) {
        Map<String, Object> r = jdbc.queryForMap("SELECT title, expires_on, term_years, modes FROM circulation_listing WHERE id = :id", Map.of("id", l.id()));
        return new Facts((String) r.get("title"), l.parcels(), l.facilities(), l.pooled(), null, null, ((Number) r.get("term_years")).intValue(),
                upper(r.get("modes")), List.of(), null, null, null, r.get("expires_on") == null ? null : ((java.sql.Date) r.get("expires_on")).toLocalDate());
    }

    private Facts facts(String title, List<Long> parcels, List<Long> facilities, boolean pooled, Double price, Integer minTerm, Integer maxTerm,
            List<String> modes, List<String> allowedUses, String intendedUse, String conditions, String office, LocalDate expiresOn) {
        String t = PersonalText.check("input.title", title, 200);
        if (t == null || t.isEmpty()) {
            throw ApiException.badInput("input.title", "give a title, e.g. 某村 120亩水浇地出租");
        }
        if (parcels.isEmpty() == facilities.isEmpty()) {
            throw ApiException.badInput("input.parcelIds", "give the parcels of the land or the ids of idle facilities (facilityIds), one of the two");
        }
        if (pooled && !facilities.isEmpty()) {
            throw ApiException.badInput("input.pooled", "a pool (预流转) is land a village collective gathered; facilities are not pooled");
        }
        if (pooled && parcels.size() < 2) {
            throw ApiException.badInput("input.pooled", "a pool (预流转) gathers the land of several households: give at least 2 parcels, got " + parcels.size());
        }
        if (price != null && (price < 0 || price > 100_000 || price.isNaN())) {
            throw ApiException.badInput("input.priceYuanPerMuYear", "元/亩/年 between 0 and 100000, or leave it out for negotiable (面议); got " + price);
        }
        if (maxTerm == null) {
            throw ApiException.badInput("input.maxTermYears", "give the longest term offered, in years (1–70)");
        }
        if (maxTerm < 1 || maxTerm > 70) {
            throw ApiException.badInput("input.maxTermYears", "between 1 and 70 years (forest land, the longest), got " + maxTerm);
        }
        if (minTerm != null && (minTerm < 1 || minTerm > maxTerm)) {
            throw ApiException.badInput("input.minTermYears", "between 1 and maxTermYears (" + maxTerm + "), got " + minTerm);
        }
        if (modes == null || modes.isEmpty()) {
            throw ApiException.badInput("input.modes", "give the modes accepted: LEASE (出租/转包), EQUITY (入股), OTHER (托管, 合作 …)");
        }
        List<String> m = new ArrayList<>(new LinkedHashSet<>(modes.stream().map(String::toLowerCase).toList()));
        for (String mode : m) {
            if (!List.of("lease", "equity", "other").contains(mode)) {
                throw ApiException.badInput("input.modes", mode.toUpperCase() + " is a legacy mode (a transfer of the contract right, not of the management right); listings offer LEASE, EQUITY or OTHER");
            }
        }
        List<String> uses = new ArrayList<>();
        if (allowedUses != null) {
            if (allowedUses.size() > 20) {
                throw ApiException.badInput("input.allowedUses", "at most 20 uses, got " + allowedUses.size());
            }
            for (String u : allowedUses) {
                String s = PersonalText.check("input.allowedUses", u, 100);
                if (s == null || s.isEmpty()) {
                    throw ApiException.badInput("input.allowedUses", "a use must not be empty");
                }
                uses.add(s);
            }
        }
        String o = PersonalText.check("input.contactOffice", office, 200);
        if (o == null || o.isEmpty()) {
            throw ApiException.badInput("input.contactOffice", "give the contact office (e.g. 某镇农村产权交易服务站), never a farmer's phone");
        }
        if (expiresOn != null && expiresOn.isAfter(LocalDate.now().plusYears(3))) {
            throw ApiException.badInput("input.expiresOn", "a listing is on offer for at most 3 years, got " + expiresOn);
        }
        return new Facts(t, parcels, facilities, pooled, price, minTerm, maxTerm, m, uses, PersonalText.check("input.intendedUse", intendedUse, 500),
                PersonalText.check("input.transfereeConditions", conditions, 2000), o, expiresOn);
    }

    /** What the land of a listing is, once checked: village, kind, area, outline, and the parcels of its facilities. */
    private record Offer(String village, String landKind, double areaMu, byte[] geom, List<Long> facilityParcels) {
    }

    /**
     * The land offered must be free: every parcel exists, lies in the listing's county, is in no other listing on
     * offer and under no contract in force; a pool's parcels are of one village collective; facilities are idle
     * and of the county. Refusals name the parcel or facility and why.
     */
    private Offer checkOffer(Facts f, String county, Long self) {
        if (f.parcels().size() > MAX_PARCELS || f.facilities().size() > MAX_PARCELS) {
            throw ApiException.badInput("input.parcelIds", "at most " + MAX_PARCELS + " parcels or facilities per listing");
        }
        List<Long> facilityParcels = new ArrayList<>();
        Map<String, Object> facilityUnion = null;
        if (!f.facilities().isEmpty()) {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT f.id, f.county_code, f.village_code, f.status, f.parcel_id, f.name, l.listing_no, l.status AS listing_status
                    FROM idle_facility f LEFT JOIN circulation_listing l ON l.id = f.listing_id
                    WHERE f.id IN (:ids) ORDER BY f.id FOR UPDATE OF f""", Map.of("ids", f.facilities()));
            Set<Long> missing = new TreeSet<>(f.facilities());
            for (Map<String, Object> r : rows) {
                long id = ((Number) r.get("id")).longValue();
                missing.remove(id);
                if (!county.equals(r.get("county_code"))) {
                    throw ApiException.badInput("input.facilityIds", "facility " + id + " (" + r.get("name") + ") is in county " + r.get("county_code")
                            + ", not in the listing's county " + county);
                }
                boolean mine = self != null && f.facilities().contains(id) && self.equals(listingOf(id));
                if (!mine && r.get("listing_status") != null && ListingStatus.ON_OFFER.contains((String) r.get("listing_status"))) {
                    throw ApiException.badInput("input.facilityIds", "facility " + id + " (" + r.get("name") + ") is in listing " + r.get("listing_no")
                            + ", which is " + r.get("listing_status") + " (on offer)");
                }
                if (!mine && !"idle".equals(r.get("status"))) {
                    throw ApiException.badInput("input.facilityIds", "facility " + id + " (" + r.get("name") + ") is " + r.get("status")
                            + "; only idle facilities are listed");
                }
                if (r.get("parcel_id") != null) {
                    facilityParcels.add(((Number) r.get("parcel_id")).longValue());
                }
            }
            if (!missing.isEmpty()) {
                throw ApiException.notFound("input.facilityIds", "no idle facility with id " + missing);
            }
            facilityUnion = jdbc.queryForMap("""
                    SELECT ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_UnaryUnion(ST_Collect(geom)), 3))) AS geom, sum(ST_Area(geom::geography)) AS m2,
                           mode() WITHIN GROUP (ORDER BY village_code) AS village
                    FROM idle_facility WHERE id IN (:ids)""", Map.of("ids", f.facilities()));
        }
        List<Long> land = f.facilities().isEmpty() ? f.parcels() : facilityParcels;
        List<ParcelFootprints.Footprint> fps = footprints.lock(land);
        if (fps.size() < land.size()) {
            Set<Long> missing = new TreeSet<>(land);
            fps.forEach(p -> missing.remove(p.id()));
            throw ApiException.notFound("input.parcelIds", "no parcel with id " + missing);
        }
        Set<String> kinds = new TreeSet<>();
        Map<String, Double> byVillage = new LinkedHashMap<>();
        for (ParcelFootprints.Footprint p : fps) {
            if (!county.equals(p.county())) {
                throw ApiException.badInput("input.parcelIds", "parcel " + p.id() + " is in county " + p.county() + ", not in the listing's county " + county);
            }
            if (f.facilities().isEmpty()) {
                String kind = LAND_KIND_OF_GROUP.get(p.classGroup());
                if (kind == null) {
                    throw ApiException.badInput("input.parcelIds", "parcel " + p.id() + " is " + p.classGroup()
                            + " land; land circulates as farmland, garden, forest or grassland (list idle facilities by facilityIds)");
                }
                kinds.add(kind);
            }
            byVillage.merge(p.village(), p.areaM2(), Double::sum);
        }
        if (f.pooled() && byVillage.size() > 1) {
            throw ApiException.badInput("input.pooled", "a pool (预流转) is gathered by one village collective; the parcels lie in villages " + byVillage.keySet());
        }
        if (!land.isEmpty()) {
            conflicts(land, self);
        }
        if (facilityUnion != null) {
            return new Offer((String) facilityUnion.get("village"), "facility", round2(((Number) facilityUnion.get("m2")).doubleValue() / Mu.M2_PER_MU),
                    (byte[]) facilityUnion.get("geom"), facilityParcels);
        }
        ParcelFootprints.Union u = footprints.union(land);
        String village = byVillage.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new Offer(village, kinds.size() == 1 ? kinds.iterator().next() : "mixed", round2(u.areaM2() / Mu.M2_PER_MU), u.ewkb(), List.of());
    }

    private Long listingOf(long facility) {
        return jdbc.queryForObject("SELECT listing_id FROM idle_facility WHERE id = :id", Map.of("id", facility), Long.class);
    }

    /** Refuses parcels in another listing on offer or under a contract in force, naming the parcel and the record. */
    private void conflicts(Collection<Long> parcels, Long self) {
        List<Map<String, Object>> listed = jdbc.queryForList("""
                SELECT lp.parcel_id, l.listing_no, l.status FROM circulation_listing_parcel lp JOIN circulation_listing l ON l.id = lp.listing_id
                WHERE lp.parcel_id IN (:ids) AND %s AND l.id <> :self ORDER BY lp.parcel_id LIMIT 1""".formatted(SqlValues.in("l.status", ListingStatus.ON_OFFER)),
                Map.of("ids", parcels, "self", self == null ? -1L : self));
        if (!listed.isEmpty()) {
            Map<String, Object> r = listed.get(0);
            throw ApiException.badInput("input.parcelIds", "parcel " + r.get("parcel_id") + " is in listing " + r.get("listing_no") + ", which is "
                    + r.get("status") + " (on offer); a parcel is offered by one listing at a time");
        }
        List<Map<String, Object>> held = jdbc.queryForList("""
                SELECT cp.parcel_id, c.contract_no, c.status FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                WHERE cp.parcel_id IN (:ids) AND %s ORDER BY cp.parcel_id LIMIT 1""".formatted(ActiveContracts.statusIn("c.status")), Map.of("ids", parcels));
        if (!held.isEmpty()) {
            Map<String, Object> r = held.get(0);
            throw ApiException.badInput("input.parcelIds", "parcel " + r.get("parcel_id") + " is held by contract " + r.get("contract_no") + " ("
                    + r.get("status") + ", in force); it can be listed when the contract ends");
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    private MapSqlParameterSource params(Facts f, Offer o, String county) {
        return new MapSqlParameterSource().addValue("road", roads.nearestRoadM(county, o.geom())).addValue("village", o.village()).addValue("title", f.title()).addValue("kind", o.landKind())
                .addValue("pooled", f.pooled()).addValue("area", Math.max(o.areaMu(), 0.01)).addValue("price", f.price())
                .addValue("maxTerm", f.maxTerm()).addValue("minTerm", f.minTerm()).addValue("mode", f.modes().get(0))
                .addValue("modes", pgArray(f.modes())).addValue("uses", pgArray(f.allowedUses())).addValue("use", f.intendedUse())
                .addValue("conditions", f.conditions()).addValue("office", f.office()).addValue("expires", f.expiresOn()).addValue("geom", o.geom());
    }

    private void link(String county, long id, Facts f) {
        if (!f.facilities().isEmpty()) {
            jdbc.update("UPDATE idle_facility SET listing_id = :id WHERE id IN (:f)", Map.of("id", id, "f", f.facilities()));
            jdbc.update("""
                    INSERT INTO circulation_listing_parcel (county_code, listing_id, parcel_id)
                    SELECT DISTINCT :county, :id, parcel_id FROM idle_facility WHERE id IN (:f) AND parcel_id IS NOT NULL""",
                    Map.of("id", id, "f", f.facilities(), "county", county));
        } else {
            jdbc.update("INSERT INTO circulation_listing_parcel (county_code, listing_id, parcel_id) SELECT :county, :id, unnest(:p::bigint[])",
                    new MapSqlParameterSource("id", id).addValue("county", county).addValue("p", "{" + String.join(",", f.parcels().stream().map(String::valueOf).toList()) + "}"));
        }
        syncFacilities(id);
    }

    private void unlink(long id) {
        jdbc.update("DELETE FROM circulation_listing_parcel WHERE listing_id = :id", Map.of("id", id));
        jdbc.update("UPDATE idle_facility SET listing_id = NULL, status = 'idle' WHERE listing_id = :id", Map.of("id", id));
    }

    /** A listed facility is "listed" while its listing is on offer, "circulated" once contracted, "idle" otherwise. */
    private void syncFacilities(long id) {
        jdbc.update("""
                UPDATE idle_facility f SET status = CASE WHEN %s THEN 'listed' WHEN l.status = 'contracted' THEN 'circulated' ELSE 'idle' END
                FROM circulation_listing l WHERE l.id = f.listing_id AND l.id = :id""".formatted(SqlValues.in("l.status", ListingStatus.ON_OFFER)),
                Map.of("id", id));
    }

    private void history(String county, long id, String from, String to, String by, String reason) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id).addValue("county", county).addValue("from", from).addValue("to", to).addValue("by", by)
                .addValue("reason", reason);
        jdbc.update("""
                INSERT INTO circulation_status_history (county_code, listing_id, from_status, to_status, changed_at, changed_by, reason)
                VALUES (:county, :id, :from, :to, now(), :by, :reason)""", p);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<Long> ids(String argument, List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<Long> out = new LinkedHashSet<>();
        for (String s : raw) {
            out.add(Ids.parse(argument, s));
        }
        return new ArrayList<>(new TreeSet<>(out));
    }

    private static String pgArray(List<String> values) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return b.append('}').toString();
    }

    private static List<String> strings(Object array) {
        try {
            return array == null ? List.of() : List.of((String[]) ((java.sql.Array) array).getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> upper(Object array) {
        return strings(array).stream().map(String::toUpperCase).toList();
    }

    private static String or(String given, Object stored) {
        return given != null ? given : (String) stored;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, Object> audited(Facts f, Offer o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", f.title());
        m.put("parcels", f.parcels().size());
        m.put("facilities", f.facilities().size());
        m.put("pooled", f.pooled());
        m.put("areaMu", o.areaMu());
        m.put("price", f.price());
        m.put("terms", f.minTerm() + "–" + f.maxTerm());
        m.put("modes", f.modes());
        return m;
    }

    private static Map<String, Object> changed(ListingInputs.ListingChanges ch, Offer o) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ch.title() != null) m.put("title", ch.title());
        if (ch.parcelIds() != null) m.put("parcels", ch.parcelIds().size());
        if (ch.facilityIds() != null) m.put("facilities", ch.facilityIds().size());
        if (ch.priceYuanPerMuYear() != null || ch.negotiable() != null) m.put("price", ch.priceYuanPerMuYear());
        if (ch.minTermYears() != null) m.put("minTermYears", ch.minTermYears());
        if (ch.maxTermYears() != null) m.put("maxTermYears", ch.maxTermYears());
        if (ch.modes() != null) m.put("modes", ch.modes());
        if (ch.allowedUses() != null) m.put("allowedUses", ch.allowedUses());
        if (ch.contactOffice() != null) m.put("contactOffice", ch.contactOffice());
        if (ch.expiresOn() != null) m.put("expiresOn", ch.expiresOn().toString());
        m.put("areaMu", o.areaMu());
        return m;
    }
}
