package org.landatlas.circulation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.landatlas.parcel.ParcelQueries;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contract work: transferees, contracts (create, update, sign, file, activate, terminate), equity dividends and
 * mortgages. Every write is staff of the contract's county only, audited under its mutation's name, and refreshes
 * the parcels' derived circulation status in the same transaction. Edits name the version they were made on
 * ({@code expectedVersion}); the row is locked first, so of two officers editing one contract the second sees the
 * first's version and is refused instead of overwriting it.
 */
@Service
class ContractService {

    /** The transitions staff make, by target status: the statuses they may start from. */
    static final Map<String, List<String>> FROM = Map.of(
            "signed", List.of("draft"),
            "filed", List.of("signed"),
            "active", List.of("filed"),
            // A draft is abandoned by terminating it too; ended contracts (expired, terminated) stay ended.
            "terminated", List.of("draft", "signed", "filed", "active", "disputed"));

    /** Statuses in which a contract's content may still be edited. */
    static final List<String> EDITABLE = List.of("draft", "signed", "filed", "active");

    private final NamedParameterJdbcTemplate jdbc;
    private final ParcelQueries parcels;
    private final ParcelAvailability availability;
    private final ListingWorkflow listings;
    private final AuditLog audit;
    private final CirculationProperties properties;
    private final AdminUnitQueries units;

    ContractService(NamedParameterJdbcTemplate jdbc, ParcelQueries parcels, ParcelAvailability availability, ListingWorkflow listings, AuditLog audit,
                    CirculationProperties properties, AdminUnitQueries units) {
        this.units = units;
        this.jdbc = jdbc;
        this.parcels = parcels;
        this.availability = availability;
        this.listings = listings;
        this.audit = audit;
        this.properties = properties;
    }

    // ---------------------------------------------------------------- transferees

    @Transactional
    long createTransferee(ContractInputs.NewTransferee in) {
        require(in.countyCode(), "input.countyCode");
        Access.requireStaffIn(in.countyCode(), "createTransferee");
        String kind = switch (String.valueOf(in.kind())) {
            case "ENTERPRISE", "COOPERATIVE", "FAMILY_FARM", "LARGE_GROWER", "VILLAGE_COLLECTIVE", "OTHER" -> in.kind().toLowerCase();
            default -> throw ApiException.badInput("input.kind", "unknown kind " + in.kind());
        };
        String name = require(in.name(), "input.name").strip();
        String code = in.creditCode() == null || in.creditCode().isBlank() ? null : in.creditCode().strip().toUpperCase();
        // Organisations are registered under a unified social credit code; a large grower may be a natural person.
        if (code == null && List.of("enterprise", "cooperative", "village_collective").contains(kind)) {
            throw ApiException.badInput("input.creditCode", "a " + kind.replace('_', ' ') + " has a unified social credit code (统一社会信用代码); give it");
        }
        if (code != null) {
            String problem = CreditCode.problem(code);
            if (problem != null) {
                throw ApiException.badInput("input.creditCode", problem);
            }
        }
        long id;
        try {
            id = jdbc.queryForObject("""
                    INSERT INTO transferee (county_code, kind, name, credit_code, established_year, main_business, synthetic)
                    VALUES (:county, :kind, :name, :code, :year, :business, false) RETURNING id""",
                    new MapSqlParameterSource("county", in.countyCode()).addValue("kind", kind).addValue("name", name).addValue("code", code)
                            .addValue("year", in.establishedYear()).addValue("business", in.mainBusiness()), Long.class);
        } catch (DuplicateKeyException e) {
            throw ApiException.badInput("input.name", "a transferee named " + name + " exists in county " + in.countyCode() + " already");
        }
        if (in.contact() != null) {
            ContractInputs.Contact c = in.contact();
            if (c.phone() != null && !c.phone().matches("1[3-9][0-9]{9}")) {
                throw ApiException.badInput("input.contact.phone", "a mainland mobile number has 11 digits starting 13-19");
            }
            if (c.idNumber() != null && !c.idNumber().matches("[0-9]{17}[0-9X]")) {
                throw ApiException.badInput("input.contact.idNumber", "a resident ID number has 17 digits and a digit or X");
            }
            jdbc.update("INSERT INTO personal.transferee_contact (transferee_id, contact_name, phone, id_number) VALUES (:id, :name, :phone, :idno)",
                    new MapSqlParameterSource("id", id).addValue("name", require(c.name(), "input.contact.name").strip()).addValue("phone", c.phone())
                            .addValue("idno", c.idNumber()));
        }
        // The audit keeps what was created, without the contact's personal data.
        audit.record("createTransferee", "transferee", id, in.countyCode(), null,
                mapOf("kind", kind, "name", name, "creditCode", code, "contact", in.contact() != null));
        return id;
    }

    // ---------------------------------------------------------------- contracts

    /** A contract's content after every rule: what is written. */
    record Checked(String county, String village, String contractNo, Long listingId, long transfereeId, String collective, String mode, String landKind,
                   Map<Long, BigDecimal> parcelAreas, BigDecimal areaMu, Map<Long, BigDecimal> transferors, LocalDate start,
                   LocalDate end, BigDecimal price, List<ContractInputs.Payment> payments, ContractUse use, String intendedUse, boolean supervision,
                   boolean registered, ContractInputs.Equity equity) {

        List<Long> ids() {
            return new ArrayList<>(parcelAreas.keySet());
        }
    }

    @Transactional
    long createContract(ContractInputs.Contract in) {
        String county = require(in.countyCode(), "input.countyCode");
        Access.requireStaffIn(county, "createContract");
        Checked c = check(in, null, county);
        long id = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('circulation_contract', 'id'))", Map.of(), Long.class);
        String no = c.contractNo() != null ? c.contractNo() : "LZ" + county + "-" + c.start().getYear() + "-" + id;
        try {
            jdbc.update("""
                    INSERT INTO circulation_contract (id, contract_no, county_code, village_code, listing_id, transferee_id, mode, land_kind, area_mu,
                        price_yuan_per_mu_year, dividend_terms, term_start, term_end, intended_use, status, registered, synthetic, geom,
                        collective_village_code, use_kind, supervision, dividend_rule, dividend_base_yuan, dividend_profit_pct)
                    VALUES (:id, :no, :county, :village, :listing, :transferee, :mode, :landKind, :area, :price, :dividendTerms, :start, :end, :intendedUse,
                        'draft', :registered, false, ST_GeomFromEWKB(decode(:geom, 'hex')), :collective, :use, :supervision, :rule, :base, :pct)""",
                    params(c).addValue("id", id).addValue("no", no).addValue("geom", parcels.outlineEwkb(c.ids())));
        } catch (DuplicateKeyException e) {
            throw ApiException.badInput("input.contractNo", "contract number " + no + " is taken");
        }
        writeChildren(id, c);
        history(county, id, null, "draft", null);
        availability.changed(c.ids());
        audit.record("createContract", "circulation_contract", id, county, null, summary(c, no, "draft"));
        return id;
    }

    @Transactional
    void updateContract(String rawId, ContractInputs.Contract in, Integer expectedVersion) {
        Locked row = lock(rawId, "updateContract", expectedVersion);
        if (!EDITABLE.contains(row.status)) {
            throw ApiException.badInput("id", "contract " + row.no + " is " + row.status.toUpperCase() + "; only " + upper(EDITABLE) + " contracts are edited");
        }
        if (in.countyCode() != null && !in.countyCode().equals(row.county)) {
            throw ApiException.badInput("input.countyCode", "a contract stays in its county " + row.county);
        }
        Checked c = check(in, row.id, row.county);
        List<Long> before = jdbc.queryForList("SELECT parcel_id FROM circulation_contract_parcel WHERE contract_id = :id", Map.of("id", row.id), Long.class);
        Map<String, Object> old = jdbc.queryForMap("""
                SELECT contract_no, mode, area_mu, term_start::text, term_end::text, use_kind, transferee_id, version FROM circulation_contract WHERE id = :id""",
                Map.of("id", row.id));
        try {
            jdbc.update("""
                    UPDATE circulation_contract SET contract_no = coalesce(:no, contract_no), village_code = :village, listing_id = :listing,
                        transferee_id = :transferee, mode = :mode, land_kind = :landKind, area_mu = :area, price_yuan_per_mu_year = :price,
                        dividend_terms = :dividendTerms, term_start = :start, term_end = :end, intended_use = :intendedUse, registered = :registered,
                        geom = ST_GeomFromEWKB(decode(:geom, 'hex')), collective_village_code = :collective, use_kind = :use, supervision = :supervision,
                        dividend_rule = :rule, dividend_base_yuan = :base, dividend_profit_pct = :pct, version = version + 1, updated_at = now()
                    WHERE id = :id""", params(c).addValue("id", row.id).addValue("no", c.contractNo()).addValue("geom", parcels.outlineEwkb(c.ids())));
        } catch (DuplicateKeyException e) {
            throw ApiException.badInput("input.contractNo", "contract number " + c.contractNo() + " is taken");
        }
        boolean paid = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM circulation_dividend WHERE contract_id = :id)", Map.of("id", row.id), Boolean.class);
        if (paid && !shareholderKey(row.id).equals(shareholderKey(c.equity()))) {
            throw ApiException.badInput("input.equity.shareholders", "dividends were paid to the shareholders of contract " + row.no + "; they are not replaced");
        }
        for (String t : List.of("circulation_contract_parcel", "circulation_contract_transferor", "circulation_contract_payment")) {
            jdbc.update("DELETE FROM " + t + " WHERE contract_id = :id", Map.of("id", row.id));
        }
        if (!paid) {
            jdbc.update("DELETE FROM circulation_contract_shareholder WHERE contract_id = :id", Map.of("id", row.id));
        }
        writeChildren(row.id, c, !paid);
        Set<Long> touched = new TreeSet<>(before);
        touched.addAll(c.ids());
        availability.changed(touched);
        audit.record("updateContract", "circulation_contract", row.id, row.county, old, summary(c, c.contractNo() != null ? c.contractNo() : row.no, row.status));
    }

    /** A status transition by staff: checked against {@link #FROM}, recorded in the history, parcels refreshed. */
    @Transactional
    void transition(String action, String rawId, String to, Integer expectedVersion, String reason, LocalDate on, String filingNo) {
        Locked row = lock(rawId, action, expectedVersion);
        if (!FROM.get(to).contains(row.status)) {
            throw ApiException.badInput("id", "contract " + row.no + " cannot go from " + row.status.toUpperCase() + " to " + to.toUpperCase()
                    + " (" + action + " needs " + String.join(" or ", upper(FROM.get(to))) + ")");
        }
        LocalDate day = on != null ? on : LocalDate.now();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", to);
        switch (to) {
            case "signed" -> {
                // From a draft the contract starts holding its land: the overlap rule is checked again under the parcel locks.
                Map<String, Object> c = jdbc.queryForMap("SELECT term_start, term_end, listing_id FROM circulation_contract WHERE id = :id", Map.of("id", row.id));
                List<Long> ids = parcelIdsOf(row.id);
                noOverlap(ids, row.id, ((java.sql.Date) c.get("term_start")).toLocalDate(), ((java.sql.Date) c.get("term_end")).toLocalDate(), "id");
                jdbc.update("UPDATE circulation_contract SET signed_on = :on WHERE id = :id", Map.of("on", day, "id", row.id));
                after.put("signedOn", day.toString());
                if (c.get("listing_id") != null) {
                    listings.contracted(((Number) c.get("listing_id")).longValue(), row.id);
                }
            }
            case "filed" -> {
                String no = require(filingNo, "filingNo").strip();
                try {
                    jdbc.update("UPDATE circulation_contract SET filing_no = :no, filed_on = :on WHERE id = :id", Map.of("no", no, "on", day, "id", row.id));
                } catch (DuplicateKeyException e) {
                    throw ApiException.badInput("filingNo", "filing number " + no + " belongs to another contract");
                }
                after.put("filingNo", no);
                after.put("filedOn", day.toString());
            }
            case "terminated" -> {
                String why = require(reason, "reason").strip();
                List<Map<String, Object>> open = jdbc.queryForList("""
                        SELECT id, lender, registered_on::text AS on FROM circulation_mortgage WHERE contract_id = :id AND released_on IS NULL ORDER BY id""",
                        Map.of("id", row.id));
                if (!open.isEmpty()) {
                    Map<String, Object> m = open.get(0);
                    throw ApiException.badInput("id", "contract " + row.no + " is under mortgage " + m.get("id") + " to " + m.get("lender") + " registered on "
                            + m.get("on") + " (经营权抵押); release the mortgage before terminating the contract");
                }
                jdbc.update("UPDATE circulation_contract SET terminated_on = :on, termination_reason = :why WHERE id = :id",
                        Map.of("on", day, "why", why, "id", row.id));
                after.put("reason", why);
            }
            default -> {
            }
        }
        jdbc.update("UPDATE circulation_contract SET status = :to, version = version + 1, updated_at = now() WHERE id = :id", Map.of("to", to, "id", row.id));
        history(row.county, row.id, row.status, to, reason == null ? null : reason.strip());
        availability.changed(parcelIdsOf(row.id));
        audit.record(action, "circulation_contract", row.id, row.county, Map.of("status", row.status, "version", row.version), after);
    }

    // ---------------------------------------------------------------- mortgages and dividends

    @Transactional
    long registerMortgage(String contractId, ContractInputs.Mortgage in, Integer expectedVersion) {
        Locked row = lock(contractId, "registerMortgage", expectedVersion);
        // A management right is pledged once it is filed with the 发包方 (农村土地承包法 Art. 47).
        if (!List.of("filed", "active").contains(row.status)) {
            throw ApiException.badInput("contractId", "contract " + row.no + " is " + row.status.toUpperCase() + "; a mortgage is registered on a FILED or ACTIVE contract");
        }
        String lender = require(in.lender(), "input.lender").strip();
        if (in.amountYuan() == null || in.amountYuan() <= 0) {
            throw ApiException.badInput("input.amountYuan", "give the amount secured, more than 0");
        }
        LocalDate start = requireDate(in.termStart(), "input.termStart");
        LocalDate end = requireDate(in.termEnd(), "input.termEnd");
        LocalDate registered = in.registeredOn() != null ? in.registeredOn() : LocalDate.now();
        Map<String, Object> c = jdbc.queryForMap("SELECT term_start, term_end FROM circulation_contract WHERE id = :id", Map.of("id", row.id));
        LocalDate cEnd = ((java.sql.Date) c.get("term_end")).toLocalDate();
        if (!end.isAfter(start)) {
            throw ApiException.badInput("input.termEnd", "the mortgage ends (" + end + ") after it starts (" + start + ")");
        }
        if (end.isAfter(cEnd)) {
            throw ApiException.badInput("input.termEnd", "the mortgage ends " + end + ", after the management right it secures (contract to " + cEnd + ")");
        }
        long id = jdbc.queryForObject("""
                INSERT INTO circulation_mortgage (county_code, contract_id, lender, amount_yuan, term_start, term_end, registered_on)
                VALUES (:county, :c, :lender, :amount, :start, :end, :on) RETURNING id""", new MapSqlParameterSource("c", row.id).addValue("county", row.county).addValue("lender", lender)
                .addValue("amount", in.amountYuan()).addValue("start", start).addValue("end", end).addValue("on", registered), Long.class);
        bump(row.id);
        audit.record("registerMortgage", "circulation_mortgage", id, row.county, null,
                mapOf("contractId", row.id, "lender", lender, "amountYuan", in.amountYuan(), "termEnd", end.toString()));
        return id;
    }

    @Transactional
    long releaseMortgage(String rawId, LocalDate releasedOn, String reason) {
        long id = Ids.parse("id", rawId);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT m.contract_id, m.registered_on, m.released_on, c.county_code FROM circulation_mortgage m JOIN circulation_contract c ON c.id = m.contract_id
                WHERE m.id = :id FOR UPDATE OF m, c""", Map.of("id", id));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no mortgage " + id);
        }
        Map<String, Object> m = rows.get(0);
        Access.requireStaffIn((String) m.get("county_code"), "releaseMortgage");
        if (m.get("released_on") != null) {
            throw ApiException.badInput("id", "mortgage " + id + " was released on " + m.get("released_on") + " already");
        }
        LocalDate on = releasedOn != null ? releasedOn : LocalDate.now();
        if (on.isBefore(((java.sql.Date) m.get("registered_on")).toLocalDate())) {
            throw ApiException.badInput("releasedOn", "released on " + on + ", before it was registered on " + m.get("registered_on"));
        }
        jdbc.update("UPDATE circulation_mortgage SET released_on = :on, release_reason = :why WHERE id = :id",
                new MapSqlParameterSource("on", on).addValue("why", reason).addValue("id", id));
        long contract = ((Number) m.get("contract_id")).longValue();
        bump(contract);
        audit.record("releaseMortgage", "circulation_mortgage", id, (String) m.get("county_code"), Map.of("releasedOn", "null"),
                mapOf("releasedOn", on.toString(), "reason", reason));
        return contract;
    }

    /**
     * Records one year's dividend of an equity contract: the total from its rule (fixed; or the guaranteed minimum
     * plus the profit share of the declared profit), split by the shares. Amounts are rounded to the fen; the
     * rounding remainder goes to the largest share so the parts add up to the total.
     */
    @Transactional
    long recordDividend(String contractId, int year, Double declaredProfitYuan, LocalDate paidOn) {
        Locked row = lock(contractId, "recordDividend", null);
        Map<String, Object> c = jdbc.queryForMap("""
                SELECT mode, dividend_rule, dividend_base_yuan, dividend_profit_pct, term_start, term_end FROM circulation_contract WHERE id = :id""",
                Map.of("id", row.id));
        if (!"equity".equals(c.get("mode")) || c.get("dividend_rule") == null) {
            throw ApiException.badInput("contractId", "contract " + row.no + " is not an equity (入股) contract with a dividend rule");
        }
        if (row.status.equals("draft")) {
            throw ApiException.badInput("contractId", "contract " + row.no + " is a DRAFT; dividends are paid under a signed contract");
        }
        int first = ((java.sql.Date) c.get("term_start")).toLocalDate().getYear();
        int last = ((java.sql.Date) c.get("term_end")).toLocalDate().getYear();
        if (year < first || year > last) {
            throw ApiException.badInput("year", "the contract runs " + first + "–" + last + "; no dividend for " + year);
        }
        List<BigDecimal> shares = dividendShares((String) c.get("dividend_rule"), (BigDecimal) c.get("dividend_base_yuan"),
                (BigDecimal) c.get("dividend_profit_pct"), declaredProfitYuan, sharesOf(row.id));
        List<Long> holders = jdbc.queryForList("SELECT id FROM circulation_contract_shareholder WHERE contract_id = :id ORDER BY id", Map.of("id", row.id), Long.class);
        BigDecimal total = shares.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        long id;
        try {
            id = jdbc.queryForObject("""
                    INSERT INTO circulation_dividend (county_code, contract_id, year, declared_profit_yuan, total_yuan, paid_on, recorded_by)
                    VALUES (:county, :c, :year, :profit, :total, :on, :by) RETURNING id""", new MapSqlParameterSource("c", row.id).addValue("county", row.county).addValue("year", year)
                    .addValue("profit", declaredProfitYuan).addValue("total", total).addValue("on", paidOn != null ? paidOn : LocalDate.now())
                    .addValue("by", Viewer.current().username()), Long.class);
        } catch (DuplicateKeyException e) {
            throw ApiException.badInput("year", "the dividend of " + year + " for contract " + row.no + " is recorded already");
        }
        for (int i = 0; i < holders.size(); i++) {
            jdbc.update("INSERT INTO circulation_dividend_share (county_code, dividend_id, shareholder_id, amount_yuan) VALUES (:county, :d, :s, :a)",
                    Map.of("county", row.county, "d", id, "s", holders.get(i), "a", shares.get(i)));
        }
        audit.record("recordDividend", "circulation_dividend", id, row.county, null,
                mapOf("contractId", row.id, "year", year, "declaredProfitYuan", declaredProfitYuan, "totalYuan", total.toPlainString()));
        return id;
    }

    /** The shares of the shareholders in id order, percent. */
    private List<BigDecimal> sharesOf(long contract) {
        return jdbc.queryForList("SELECT share_pct FROM circulation_contract_shareholder WHERE contract_id = :id ORDER BY id", Map.of("id", contract), BigDecimal.class);
    }

    static List<BigDecimal> dividendShares(String rule, BigDecimal base, BigDecimal profitPct, Double declaredProfit, List<BigDecimal> sharePcts) {
        BigDecimal total = base;
        if ("minimum_plus_share".equals(rule)) {
            if (declaredProfit == null) {
                throw ApiException.badInput("declaredProfitYuan", "the rule is a guaranteed minimum plus a share of the profit: declare the year's profit");
            }
            // A loss pays the guaranteed minimum (保底), never less.
            BigDecimal profit = BigDecimal.valueOf(Math.max(0, declaredProfit));
            total = total.add(profit.multiply(profitPct).divide(BigDecimal.valueOf(100)));
        }
        total = total.setScale(2, RoundingMode.HALF_UP);
        List<BigDecimal> out = new ArrayList<>();
        int largest = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < sharePcts.size(); i++) {
            BigDecimal part = total.multiply(sharePcts.get(i)).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            out.add(part);
            sum = sum.add(part);
            if (sharePcts.get(i).compareTo(sharePcts.get(largest)) > 0) {
                largest = i;
            }
        }
        if (!out.isEmpty()) {
            out.set(largest, out.get(largest).add(total.subtract(sum)));
        }
        return out;
    }

    // ---------------------------------------------------------------- expiry

    /** Active contracts past their end become expired and stop holding their parcels; answers how many. */
    @Transactional
    int expireContracts(LocalDate today) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                UPDATE circulation_contract SET status = 'expired', version = version + 1, updated_at = now()
                WHERE status = 'active' AND term_end < :today RETURNING id, county_code""", Map.of("today", today));
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> ids = rows.stream().map(r -> ((Number) r.get("id")).longValue()).toList();
        jdbc.update("""
                INSERT INTO circulation_status_history (county_code, contract_id, from_status, to_status, changed_at, changed_by, reason)
                SELECT county_code, id, 'active', 'expired', now(), 'system', 'term ended ' || term_end FROM circulation_contract WHERE id IN (:ids)""", Map.of("ids", ids));
        availability.changed(jdbc.queryForList("SELECT DISTINCT parcel_id FROM circulation_contract_parcel WHERE contract_id IN (:ids)", Map.of("ids", ids), Long.class));
        Map<String, Integer> byCounty = new HashMap<>();
        rows.forEach(r -> byCounty.merge((String) r.get("county_code"), 1, Integer::sum));
        byCounty.forEach((county, n) -> audit.write(Viewer.PUBLIC, "expireContracts", "circulation_contract", null, county, "ok", null,
                Map.of("expired", n, "on", today.toString()), null));
        return rows.size();
    }

    // ---------------------------------------------------------------- rules

    /** Every rule of a contract's content, each refused with the field and the reason; {@code self} is the contract being edited. */
    Checked check(ContractInputs.Contract in, Long self, String county) {
        String mode = switch (String.valueOf(in.mode())) {
            case "LEASE", "EQUITY", "OTHER" -> in.mode().toLowerCase();
            case "SWAP", "TRANSFER" -> throw ApiException.badInput("input.mode", in.mode() + " (" + ("SWAP".equals(in.mode()) ? "互换" : "转让")
                    + ") transfers the contract right (承包经营权), not the management right; it is kept for historical records only, not for new contracts");
            default -> throw ApiException.badInput("input.mode", "give the mode: LEASE (出租/转包), EQUITY (入股) or OTHER (托管 and other)");
        };
        LocalDate start = requireDate(in.termStart(), "input.termStart");
        LocalDate end = requireDate(in.termEnd(), "input.termEnd");
        if (!end.isAfter(start)) {
            throw ApiException.badInput("input.termEnd", "the term ends (" + end + ") after it starts (" + start + ")");
        }
        // Parcels: existing, in the contract's county, with the area circulated of each.
        if (in.parcels() == null || in.parcels().isEmpty()) {
            throw ApiException.badInput("input.parcels", "a contract circulates at least one parcel");
        }
        if (in.parcels().size() > 1000) {
            throw ApiException.badInput("input.parcels", in.parcels().size() + " parcels; at most 1000 per contract");
        }
        Map<Long, Double> asked = new LinkedHashMap<>();
        for (ContractInputs.ParcelShare p : in.parcels()) {
            if (asked.put(Ids.parse("input.parcels.parcelId", p.parcelId()), p.areaMu()) != null) {
                throw ApiException.badInput("input.parcels", "parcel " + p.parcelId() + " is given twice");
            }
        }
        List<ParcelQueries.ContractParcel> found = parcels.forContract(asked.keySet());
        if (found.size() < asked.size()) {
            Set<Long> missing = new TreeSet<>(asked.keySet());
            found.forEach(f -> missing.remove(f.id()));
            throw ApiException.notFound("input.parcels", "no parcel with id " + missing);
        }
        CirculationProperties.Terms terms = properties.termsOf(county);
        Map<Long, BigDecimal> areas = new LinkedHashMap<>();
        Set<String> kinds = new HashSet<>();
        LocalDate latest = null;
        String latestWhy = null;
        ContractUse use = in.use() == null ? null : ContractUse.of(in.use());
        if (use == null) {
            throw ApiException.badInput("input.use", "give the intended use (GRAIN, VEGETABLES, ORCHARD …)");
        }
        if (!use.agricultural) {
            throw ApiException.badInput("input.use", use.name() + " (" + use.chinese + ") is not an agricultural use: circulation must not change the land's"
                    + " agricultural use (确保农地农用, 农村土地经营权流转管理办法)");
        }
        boolean supervision = Boolean.TRUE.equals(in.supervision());
        for (ParcelQueries.ContractParcel p : found) {
            if (!county.equals(p.countyCode())) {
                throw ApiException.badInput("input.parcels", "parcel " + p.id() + " is in county " + p.countyCode() + ", not in the contract's county " + county);
            }
            Double a = asked.get(p.id());
            double area = a == null ? p.areaMu() : a;
            if (area <= 0 || area > p.areaMu() + 0.005) {
                throw ApiException.badInput("input.parcels.areaMu", "parcel " + p.id() + ": " + area + " mu circulated of its " + p.areaMu() + " mu");
            }
            areas.put(p.id(), BigDecimal.valueOf(area).setScale(2, RoundingMode.HALF_UP));
            kinds.add(landKind(p.classGroup()));
            ContractTerms.Tenure tenure = ContractTerms.Tenure.of(p.classGroup());
            LocalDate last = ContractTerms.remainingTermEnd(terms, tenure);
            if (latest == null || last.isBefore(latest)) {
                latest = last;
                latestWhy = "parcel " + p.id() + ", " + tenure.label + ": " + ContractTerms.explain(terms, tenure);
            }
            if (p.permanentBasicFarmland() && use.pbfForbidden) {
                throw ApiException.badInput("input.use", "parcel " + p.id() + " is permanent basic farmland (永久基本农田): " + use.name() + " (" + use.chinese
                        + ") is forbidden there — no orchards, forestry, nurseries, fish ponds or new livestock facilities (自然资发〔2021〕166号)");
            }
            if (p.permanentBasicFarmland() && !use.grain && !supervision) {
                throw ApiException.badInput("input.supervision", "parcel " + p.id() + " is permanent basic farmland, kept mainly for grain; non-grain use "
                        + use.name() + " (" + use.chinese + ") is accepted only under use supervision: set supervision: true (国办发〔2020〕44号)");
            }
        }
        if (end.isAfter(latest)) {
            throw ApiException.badInput("input.termEnd", "the term ends " + end + ", after the remaining contract term, which ends " + latest
                    + " (" + latestWhy + "); a circulation may not outlast the household's contract (农村土地承包法 Art. 38)");
        }
        boolean registered = Boolean.TRUE.equals(in.registered());
        if (registered && !ContractTerms.atLeastYears(start, end, 5)) {
            throw ApiException.badInput("input.registered", "a term of " + start + " … " + end + " is shorter than 5 years (it would end on "
                    + ContractTerms.lastDay(start, 5) + " or later); only terms of 5 years or more are registered (民法典 Art. 341)");
        }
        BigDecimal total = areas.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        // Transferee of the county.
        long transferee = Ids.parse("input.transfereeId", require(in.transfereeId(), "input.transfereeId"));
        List<String> tc = jdbc.queryForList("SELECT county_code FROM transferee WHERE id = :id", Map.of("id", transferee), String.class);
        if (tc.isEmpty()) {
            throw ApiException.notFound("input.transfereeId", "no transferee " + transferee);
        }
        if (!tc.get(0).equals(county)) {
            throw ApiException.badInput("input.transfereeId", "transferee " + transferee + " is registered in county " + tc.get(0) + ", not " + county);
        }
        String collective = blankToNull(in.collectiveVillageCode());
        if (collective != null) {
            villageOf(county, collective, "input.collectiveVillageCode");
        }
        String village = blankToNull(in.villageCode());
        if (village == null) {
            village = found.get(0).villageCode();
        } else {
            villageOf(county, village, "input.villageCode");
        }
        // Transferor households: one or many; pooled land (the collective as a party) may list them later.
        Map<Long, BigDecimal> transferors = new LinkedHashMap<>();
        for (ContractInputs.TransferorShare t : in.transferors() == null ? List.<ContractInputs.TransferorShare>of() : in.transferors()) {
            long h = Ids.parse("input.transferors.householdId", t.householdId());
            if (t.areaMu() == null || t.areaMu() <= 0) {
                throw ApiException.badInput("input.transferors.areaMu", "household " + h + ": give the area it circulates, more than 0 mu");
            }
            if (transferors.put(h, BigDecimal.valueOf(t.areaMu()).setScale(2, RoundingMode.HALF_UP)) != null) {
                throw ApiException.badInput("input.transferors", "household " + h + " is given twice");
            }
        }
        if (transferors.isEmpty() && collective == null) {
            throw ApiException.badInput("input.transferors", "name the transferor households, or the village collective (collectiveVillageCode) for pooled land");
        }
        householdsInCounty(transferors.keySet(), county, "input.transferors.householdId");
        BigDecimal fromHouseholds = transferors.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (fromHouseholds.compareTo(total.add(new BigDecimal("0.01"))) > 0) {
            throw ApiException.badInput("input.transferors.areaMu", "the households circulate " + fromHouseholds + " mu, more than the " + total + " mu of the parcels");
        }
        Long listing = in.listingId() == null ? null : Ids.parse("input.listingId", in.listingId());
        if (listing != null) {
            checkListing(listing, county, areas.keySet(), self);
        }
        if (in.priceYuanPerMuYear() != null && in.priceYuanPerMuYear() < 0) {
            throw ApiException.badInput("input.priceYuanPerMuYear", "a price is 0 or more");
        }
        List<ContractInputs.Payment> payments = in.payments() == null ? List.of() : in.payments();
        Set<LocalDate> dues = new HashSet<>();
        for (ContractInputs.Payment p : payments) {
            LocalDate due = requireDate(p.dueOn(), "input.payments.dueOn");
            if (!dues.add(due)) {
                throw ApiException.badInput("input.payments.dueOn", "two payments are due on " + due);
            }
            if (due.isAfter(end)) {
                throw ApiException.badInput("input.payments.dueOn", "a payment due on " + due + " falls after the term ends on " + end);
            }
            if (p.amountYuan() == null || p.amountYuan() <= 0) {
                throw ApiException.badInput("input.payments.amountYuan", "the payment due on " + due + " needs an amount more than 0");
            }
        }
        checkEquity(mode, in.equity(), county);
        // Last, under the parcel locks: no contract in force holds a parcel for an overlapping period.
        noOverlap(new ArrayList<>(areas.keySet()), self, start, end, "input.parcels");
        String kind = kinds.size() == 1 ? kinds.iterator().next() : "mixed";
        String intended = in.intendedUse() == null || in.intendedUse().isBlank() ? use.chinese : in.intendedUse().strip();
        return new Checked(county, village, blankToNull(in.contractNo()), listing, transferee, collective, mode, kind, areas, total, transferors,
                start, end, in.priceYuanPerMuYear() == null ? null : BigDecimal.valueOf(in.priceYuanPerMuYear()), payments, use, intended, supervision,
                registered, in.equity());
    }

    private void checkEquity(String mode, ContractInputs.Equity e, String county) {
        if (!"equity".equals(mode)) {
            if (e != null) {
                throw ApiException.badInput("input.equity", "shareholders and a dividend rule belong to an EQUITY (入股) contract, not " + mode.toUpperCase());
            }
            return;
        }
        if (e == null) {
            throw ApiException.badInput("input.equity", "an EQUITY (入股) contract states its shareholders and dividend rule");
        }
        switch (String.valueOf(e.dividendRule())) {
            case "FIXED" -> {
                if (e.profitPct() != null) {
                    throw ApiException.badInput("input.equity.profitPct", "a FIXED dividend has no profit share");
                }
            }
            case "MINIMUM_PLUS_SHARE" -> {
                if (e.profitPct() == null || e.profitPct() <= 0 || e.profitPct() > 100) {
                    throw ApiException.badInput("input.equity.profitPct", "give the share of the profit distributed, more than 0 and at most 100 %");
                }
            }
            default -> throw ApiException.badInput("input.equity.dividendRule", "FIXED or MINIMUM_PLUS_SHARE (保底 + 分红)");
        }
        if (e.baseYuan() == null || e.baseYuan() < 0) {
            throw ApiException.badInput("input.equity.baseYuan", "give the fixed dividend or guaranteed minimum per year, 0 or more 元");
        }
        if (e.shareholders() == null || e.shareholders().isEmpty()) {
            throw ApiException.badInput("input.equity.shareholders", "name the shareholders (households, collective) and their shares");
        }
        BigDecimal sum = BigDecimal.ZERO;
        Set<Long> households = new HashSet<>();
        Set<String> collectives = new HashSet<>();
        for (ContractInputs.Shareholder s : e.shareholders()) {
            boolean household = s.householdId() != null;
            if (household == (blankToNull(s.collectiveVillageCode()) != null)) {
                throw ApiException.badInput("input.equity.shareholders", "each shareholder is a household (householdId) or a collective (collectiveVillageCode)");
            }
            if (s.sharePct() == null || s.sharePct() <= 0 || s.sharePct() > 100) {
                throw ApiException.badInput("input.equity.shareholders.sharePct", "a share is more than 0 and at most 100 %");
            }
            if (household ? !households.add(Ids.parse("input.equity.shareholders.householdId", s.householdId())) : !collectives.add(s.collectiveVillageCode())) {
                throw ApiException.badInput("input.equity.shareholders", "a shareholder is named twice");
            }
            if (!household) {
                villageOf(county, s.collectiveVillageCode(), "input.equity.shareholders.collectiveVillageCode");
            }
            sum = sum.add(BigDecimal.valueOf(s.sharePct()));
        }
        householdsInCounty(households, county, "input.equity.shareholders.householdId");
        if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
            throw ApiException.badInput("input.equity.shareholders.sharePct", "the shares add up to " + sum.stripTrailingZeros().toPlainString() + " %, not 100 %");
        }
    }

    private void checkListing(long listing, String county, Set<Long> parcelIds, Long self) {
        List<Map<String, Object>> l = jdbc.queryForList("SELECT county_code, status FROM circulation_listing WHERE id = :id", Map.of("id", listing));
        if (l.isEmpty()) {
            throw ApiException.notFound("input.listingId", "no listing " + listing);
        }
        if (!county.equals(l.get(0).get("county_code"))) {
            throw ApiException.badInput("input.listingId", "listing " + listing + " is in county " + l.get(0).get("county_code") + ", not " + county);
        }
        String status = (String) l.get(0).get("status");
        boolean ours = self != null && "contracted".equals(status) && jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM circulation_contract WHERE id = :self AND listing_id = :l)", Map.of("self", self, "l", listing), Boolean.class);
        if (!ListingStatus.ON_OFFER.contains(status) && !ours) {
            throw ApiException.badInput("input.listingId", "listing " + listing + " is " + status.toUpperCase() + "; a contract comes from a listing on offer ("
                    + upper(ListingStatus.ON_OFFER) + ")");
        }
        Set<Long> listed = new HashSet<>(jdbc.queryForList("SELECT parcel_id FROM circulation_listing_parcel WHERE listing_id = :id", Map.of("id", listing), Long.class));
        Set<Long> outside = new TreeSet<>(parcelIds);
        outside.removeAll(listed);
        if (!outside.isEmpty()) {
            throw ApiException.badInput("input.parcels", "parcels " + outside + " are not parcels of listing " + listing + "; a contract from a listing circulates the listing's parcels");
        }
    }

    /** Parcels under an overlapping contract in force are refused; advisory locks per parcel make two concurrent contracts queue. */
    private void noOverlap(List<Long> ids, Long self, LocalDate start, LocalDate end, String field) {
        jdbc.query("SELECT pg_advisory_xact_lock(71101, x::int) FROM (SELECT x FROM unnest(ARRAY[:ids]::bigint[]) x ORDER BY x) s", Map.of("ids", ids), rs -> {
        });
        List<Map<String, Object>> hit = jdbc.queryForList("""
                SELECT cp.parcel_id, c.contract_no, c.status, c.term_start::text AS s, c.term_end::text AS e
                FROM circulation_contract_parcel cp JOIN circulation_contract c ON c.id = cp.contract_id
                WHERE cp.parcel_id IN (:ids) AND %s AND c.id <> :self AND c.term_start <= :end AND c.term_end >= :start
                ORDER BY cp.parcel_id LIMIT 1""".formatted(ActiveContracts.statusIn("c.status")),
                new MapSqlParameterSource("ids", ids).addValue("self", self == null ? -1L : self).addValue("start", start).addValue("end", end));
        if (!hit.isEmpty()) {
            Map<String, Object> h = hit.get(0);
            throw ApiException.badInput(field, "parcel " + h.get("parcel_id") + " is held by contract " + h.get("contract_no") + " ("
                    + ((String) h.get("status")).toUpperCase() + ", " + h.get("s") + " … " + h.get("e") + "), which overlaps " + start + " … " + end);
        }
    }

    private void householdsInCounty(Set<Long> ids, String county, String field) {
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, String> villages = new HashMap<>();
        jdbc.query("SELECT id, village_code FROM household WHERE id IN (:ids)", Map.of("ids", ids), rs -> {
            villages.put(rs.getLong(1), rs.getString(2));
        });
        for (Long id : ids) {
            String v = villages.get(id);
            if (v == null) {
                throw ApiException.notFound(field, "no household " + id);
            }
            if (!v.startsWith(county)) {
                throw ApiException.badInput(field, "household " + id + " belongs to village " + v + ", outside county " + county);
            }
        }
    }

    private void villageOf(String county, String village, String field) {
        if (village.length() != 12 || !village.startsWith(county)) {
            throw ApiException.badInput(field, village + " is not a village (12-digit code) of county " + county);
        }
        units.requireExisting(field, village);
    }

    static String landKind(String classGroup) {
        return switch (String.valueOf(classGroup)) {
            case "farmland" -> "farmland";
            case "garden" -> "garden";
            case "forest" -> "forest";
            case "grassland" -> "pasture";
            default -> "mixed";
        };
    }

    // ---------------------------------------------------------------- writing

    private MapSqlParameterSource params(Checked c) {
        ContractInputs.Equity e = c.equity();
        String rule = e == null ? null : e.dividendRule().toLowerCase();
        String terms = e == null ? null : "FIXED".equals(e.dividendRule()) ? "固定分红 " + e.baseYuan() + " 元/年"
                : "保底 " + e.baseYuan() + " 元/年 + 利润的 " + e.profitPct() + "%";
        return new MapSqlParameterSource("county", c.county()).addValue("village", c.village()).addValue("listing", c.listingId())
                .addValue("transferee", c.transfereeId()).addValue("mode", c.mode()).addValue("landKind", c.landKind()).addValue("area", c.areaMu())
                .addValue("price", c.price()).addValue("dividendTerms", terms).addValue("start", c.start()).addValue("end", c.end())
                .addValue("intendedUse", c.intendedUse()).addValue("registered", c.registered()).addValue("collective", c.collective())
                .addValue("use", c.use().code()).addValue("supervision", c.supervision()).addValue("rule", rule)
                .addValue("base", e == null ? null : e.baseYuan()).addValue("pct", e == null ? null : e.profitPct());
    }

    private void writeChildren(long id, Checked c) {
        writeChildren(id, c, true);
    }

    private void writeChildren(long id, Checked c, boolean shareholders) {
        String county = c.county();
        c.parcelAreas().forEach((p, a) -> jdbc.update("INSERT INTO circulation_contract_parcel (county_code, contract_id, parcel_id, area_mu) VALUES (:k, :c, :p, :a)",
                Map.of("k", county, "c", id, "p", p, "a", a)));
        c.transferors().forEach((h, a) -> jdbc.update("INSERT INTO circulation_contract_transferor (county_code, contract_id, household_id, area_mu) VALUES (:k, :c, :h, :a)",
                Map.of("k", county, "c", id, "h", h, "a", a)));
        for (ContractInputs.Payment p : c.payments()) {
            jdbc.update("INSERT INTO circulation_contract_payment (county_code, contract_id, due_on, amount_yuan, paid) VALUES (:k, :c, :d, :a, :p)",
                    Map.of("k", county, "c", id, "d", p.dueOn(), "a", p.amountYuan(), "p", Boolean.TRUE.equals(p.paid())));
        }
        if (shareholders && c.equity() != null) {
            for (ContractInputs.Shareholder s : c.equity().shareholders()) {
                jdbc.update("""
                        INSERT INTO circulation_contract_shareholder (county_code, contract_id, household_id, collective_village_code, share_pct)
                        VALUES (:k, :c, :h, :v, :s)""",
                        new MapSqlParameterSource("c", id).addValue("k", county).addValue("h", s.householdId() == null ? null : Ids.parse("householdId", s.householdId()))
                                .addValue("v", blankToNull(s.collectiveVillageCode())).addValue("s", s.sharePct()));
            }
        }
    }

    private String shareholderKey(long contract) {
        List<String> parts = jdbc.queryForList("""
                SELECT coalesce(household_id::text, collective_village_code) || ':' || trim_scale(share_pct) FROM circulation_contract_shareholder
                WHERE contract_id = :id ORDER BY 1""", Map.of("id", contract), String.class);
        return String.join(",", parts);
    }

    private static String shareholderKey(ContractInputs.Equity e) {
        if (e == null) {
            return "";
        }
        return String.join(",", e.shareholders().stream().map(s -> (s.householdId() != null ? s.householdId() : s.collectiveVillageCode()) + ":"
                + BigDecimal.valueOf(s.sharePct()).stripTrailingZeros().toPlainString()).sorted().toList());
    }

    private void history(String county, long contract, String from, String to, String reason) {
        jdbc.update("""
                INSERT INTO circulation_status_history (county_code, contract_id, from_status, to_status, changed_at, changed_by, reason)
                VALUES (:county, :id, :from, :to, now(), :by, :reason)""", new MapSqlParameterSource("id", contract).addValue("county", county).addValue("from", from).addValue("to", to)
                .addValue("by", Viewer.current().username()).addValue("reason", reason));
    }

    private void bump(long contract) {
        jdbc.update("UPDATE circulation_contract SET version = version + 1, updated_at = now() WHERE id = :id", Map.of("id", contract));
    }

    private List<Long> parcelIdsOf(long contract) {
        return jdbc.queryForList("SELECT parcel_id FROM circulation_contract_parcel WHERE contract_id = :id", Map.of("id", contract), Long.class);
    }

    private record Locked(long id, String no, String county, String status, int version) {
    }

    /** Locks the contract row, then checks the viewer's county and the version the edit was made on. */
    private Locked lock(String rawId, String action, Integer expectedVersion) {
        Access.requireStaff(action);
        long id = Ids.parse("id", rawId);
        List<Locked> rows = jdbc.query("SELECT id, contract_no, county_code, status, version FROM circulation_contract WHERE id = :id FOR UPDATE",
                Map.of("id", id), (rs, i) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no contract " + id);
        }
        Locked row = rows.get(0);
        Access.requireStaffIn(row.county, action);
        if (expectedVersion != null && expectedVersion != row.version) {
            throw ApiException.staleVersion("expectedVersion", "contract " + row.no, row.version, expectedVersion);
        }
        return row;
    }

    private Map<String, Object> summary(Checked c, String no, String status) {
        return mapOf("contractNo", no, "status", status, "mode", c.mode(), "areaMu", c.areaMu().toPlainString(), "termStart", c.start().toString(),
                "termEnd", c.end().toString(), "use", c.use().code(), "supervision", c.supervision(), "parcels", c.ids(), "transfereeId", c.transfereeId());
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<String> upper(List<String> s) {
        return s.stream().map(String::toUpperCase).toList();
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badInput(field, "required");
        }
        return value;
    }

    private static LocalDate requireDate(LocalDate value, String field) {
        if (value == null) {
            throw ApiException.badInput(field, "required");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
