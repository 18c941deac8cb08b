package org.landatlas.homestead;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.ScopedRows;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The revitalization of an idle homestead (闲置宅基地和闲置住宅盘活利用): idle → surveyed → listed → negotiating →
 * revitalized, or withdrawn. Each step is done by staff of the homestead's county on the version they saw
 * (optimistic locking: the row is locked, a change made meanwhile is refused), kept in
 * {@code homestead_status_history} with who and when, and audited. The rules of the 2019 notice: no sale of a
 * homestead to outsiders (置换 only with the village collective, no agreement without end with an outsider), leases
 * at most 20 years, no villas or private clubs, the household's consent before anything is offered.
 */
@Component
class HomesteadWorkflow {

    /** Leases of rural houses: at most 20 years (Civil Code Art. 705). */
    static final int MAX_LEASE_YEARS = 20;
    static final Set<String> MODES = Set.of("self_operated", "lease", "equity", "cooperation", "exchange");
    static final Set<String> COUNTERPARTIES = Set.of("village_collective", "returnee", "urban_resident", "business", "household");
    /** Counterparties from outside the village: a homestead must never pass to them for good. */
    static final Set<String> OUTSIDERS = Set.of("urban_resident", "business");
    static final Set<String> USES = Set.of("homestay", "catering", "culture", "office", "ecommerce", "storage_cold_chain", "processing", "elderly_care", "other");
    /** Uses the 2019 notice forbids on homesteads: 别墅, 私人会馆. */
    static final Set<String> REFUSED_USES = Set.of("villa", "private_club");
    private static final List<String> REFUSED_WORDS = List.of("别墅", "私人会馆", "会所", "villa", "private club");
    static final Set<String> EVIDENCE = Set.of("utility_meters", "village_committee", "field_survey", "neighbours", "other");

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;

    HomesteadWorkflow(NamedParameterJdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The locked row of a homestead: what the checks need. */
    record Locked(long id, String name, String county, String status, int version, String occupancy, LocalDate idleSince, LocalDate consentOn) {
    }

    // ------------------------------------------------------------------------------------------------ steps

    @Transactional
    void survey(Object rawId, HomesteadInputs.Survey in) {
        if (in == null) {
            throw ApiException.badInput("input", "give the survey");
        }
        Locked h = lock(rawId, "surveyHomestead", in.expectedVersion());
        step(h, "surveyed");
        String occupancy = in.occupancy() == null ? null : in.occupancy().toLowerCase(Locale.ROOT);
        if (!"idle".equals(occupancy) && !"abandoned".equals(occupancy)) {
            throw ApiException.badInput("input.occupancy", "only an idle or abandoned homestead is revitalized; homestead " + h.name()
                    + " surveyed as " + in.occupancy() + " stays with its household (give IDLE or ABANDONED)");
        }
        LocalDate surveyedOn = in.surveyedOn() == null ? LocalDate.now() : in.surveyedOn();
        if (surveyedOn.isAfter(LocalDate.now())) {
            throw ApiException.badInput("input.surveyedOn", surveyedOn + " is in the future");
        }
        LocalDate idleSince = in.idleSince() != null ? in.idleSince() : h.idleSince();
        if (idleSince == null) {
            throw ApiException.badInput("input.idleSince", "give the day homestead " + h.name() + " has been idle since");
        }
        if (idleSince.isAfter(surveyedOn)) {
            throw ApiException.badInput("input.idleSince", "idle since " + idleSince + ", after the survey on " + surveyedOn);
        }
        String evidence = in.idleEvidence() == null ? null : in.idleEvidence().toLowerCase(Locale.ROOT);
        if (evidence == null || !EVIDENCE.contains(evidence)) {
            throw ApiException.badInput("input.idleEvidence", "give the evidence of idleness: UTILITY_METERS, VILLAGE_COMMITTEE, FIELD_SURVEY, NEIGHBOURS or OTHER");
        }
        jdbc.update("""
                UPDATE homestead SET occupancy = :occ, idle_since = :since, idle_evidence = :ev, idle_evidence_note = :note, surveyed_on = :on,
                    revitalization_status = 'surveyed', version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id""",
                new MapSqlParameterSource("occ", occupancy).addValue("since", idleSince).addValue("ev", evidence).addValue("note", in.idleEvidenceNote())
                        .addValue("on", surveyedOn).addValue("by", Viewer.current().username()).addValue("id", h.id()));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("revitalizationStatus", "SURVEYED");
        after.put("occupancy", occupancy.toUpperCase(Locale.ROOT));
        after.put("idleSince", idleSince.toString());
        after.put("idleEvidence", evidence);
        after.put("surveyedOn", surveyedOn.toString());
        changed(h, "surveyed", "surveyHomestead", in.reason() == null ? "调查 surveyed" : in.reason(), after);
    }

    @Transactional
    void list(Object rawId, HomesteadInputs.Listing in) {
        if (in == null) {
            throw ApiException.badInput("input", "give the household's consent");
        }
        Locked h = lock(rawId, "listHomestead", in.expectedVersion());
        step(h, "listed");
        if (in.consentOn() == null) {
            throw ApiException.badInput("input.consentOn", "no forced transfer: give the day the household consented to revitalizing homestead " + h.name());
        }
        if (in.consentOn().isAfter(LocalDate.now())) {
            throw ApiException.badInput("input.consentOn", in.consentOn() + " is in the future");
        }
        if (in.consentDocument() == null || in.consentDocument().isBlank()) {
            throw ApiException.badInput("input.consentDocument", "no forced transfer: name the household's signed consent (e.g. 农户自愿盘活申请书 and its number)");
        }
        jdbc.update("""
                UPDATE homestead SET consent_on = :on, consent_document = :doc, revitalization_status = 'listed', version = version + 1,
                    updated_at = now(), updated_by = :by WHERE id = :id""",
                new MapSqlParameterSource("on", in.consentOn()).addValue("doc", in.consentDocument().strip()).addValue("by", Viewer.current().username())
                        .addValue("id", h.id()));
        changed(h, "listed", "listHomestead", in.reason() == null ? "发布 listed" : in.reason(),
                Map.of("revitalizationStatus", "LISTED", "consentOn", in.consentOn().toString()));
    }

    @Transactional
    void startNegotiation(Object rawId, Integer expectedVersion, HomesteadInputs.Agreement agreement, String reason) {
        Locked h = lock(rawId, "startHomesteadNegotiation", expectedVersion);
        step(h, "negotiating");
        Terms t = check(agreement, "agreement");
        jdbc.update("""
                INSERT INTO homestead_revitalization (county_code, homestead_id, mode, counterparty_kind, counterparty_name, new_use, use_description, term_start,
                    term_end, annual_rent_yuan, income_household_yuan, income_collective_yuan, investment_wan_yuan, status, synthetic, created_by)
                VALUES (:county, :h, :mode, :kind, :name, :use, :desc, :start, :end, :rent, :hh, :coll, :inv, 'proposed', false, :by)""",
                t.params().addValue("h", h.id()).addValue("county", h.county()).addValue("by", Viewer.current().username()));
        jdbc.update("UPDATE homestead SET revitalization_status = 'negotiating', version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id",
                Map.of("by", Viewer.current().username(), "id", h.id()));
        changed(h, "negotiating", "startHomesteadNegotiation", reason == null ? "洽谈 negotiating" : reason, t.audited("NEGOTIATING"));
    }

    @Transactional
    void revitalize(Object rawId, Integer expectedVersion, HomesteadInputs.Agreement agreement, String reason) {
        Locked h = lock(rawId, "revitalizeHomestead", expectedVersion);
        step(h, "revitalized");
        if (h.consentOn() == null) {
            throw ApiException.badInput("id", "no forced transfer: homestead " + h.name() + " has no consent of its household on record");
        }
        List<Long> open = jdbc.queryForList("SELECT id FROM homestead_revitalization WHERE homestead_id = :h AND status IN ('proposed', 'approved') FOR UPDATE",
                Map.of("h", h.id()), Long.class);
        Terms t;
        if (agreement != null) {
            t = check(agreement, "agreement");
        } else if (open.isEmpty()) {
            throw ApiException.badInput("agreement", "homestead " + h.name() + " has no agreement under negotiation; give its terms");
        } else {
            // The terms negotiated, checked again (the rules may have been broken by a change made by hand).
            Map<String, Object> r = jdbc.queryForMap("""
                    SELECT mode, counterparty_kind, counterparty_name, new_use, use_description, term_start, term_end,
                           income_household_yuan::float8 AS hh, income_collective_yuan::float8 AS coll, investment_wan_yuan::float8 AS inv
                    FROM homestead_revitalization WHERE id = :id""", Map.of("id", open.get(0)));
            t = check(new HomesteadInputs.Agreement((String) r.get("mode"), (String) r.get("counterparty_kind"), (String) r.get("counterparty_name"),
                    (String) r.get("new_use"), (String) r.get("use_description"), date(r.get("term_start")), date(r.get("term_end")),
                    (Double) r.get("hh"), (Double) r.get("coll"), (Double) r.get("inv")), "agreement");
        }
        MapSqlParameterSource p = t.params().addValue("h", h.id()).addValue("county", h.county()).addValue("by", Viewer.current().username());
        if (open.isEmpty()) {
            jdbc.update("""
                    INSERT INTO homestead_revitalization (county_code, homestead_id, mode, counterparty_kind, counterparty_name, new_use, use_description, term_start,
                        term_end, annual_rent_yuan, income_household_yuan, income_collective_yuan, investment_wan_yuan, status, approved_on, synthetic, created_by)
                    VALUES (:county, :h, :mode, :kind, :name, :use, :desc, :start, :end, :rent, :hh, :coll, :inv, 'active', current_date, false, :by)""", p);
        } else {
            jdbc.update("""
                    UPDATE homestead_revitalization SET mode = :mode, counterparty_kind = :kind, counterparty_name = :name, new_use = :use,
                        use_description = :desc, term_start = :start, term_end = :end, annual_rent_yuan = :rent, income_household_yuan = :hh,
                        income_collective_yuan = :coll, investment_wan_yuan = :inv, status = 'active', approved_on = current_date
                    WHERE id = :rid""", p.addValue("rid", open.get(0)));
        }
        jdbc.update("""
                UPDATE homestead SET revitalization_status = 'revitalized', revitalized_on = current_date, version = version + 1, updated_at = now(),
                    updated_by = :by WHERE id = :id""", Map.of("by", Viewer.current().username(), "id", h.id()));
        changed(h, "revitalized", "revitalizeHomestead", reason == null ? "盘活 revitalized" : reason, t.audited("REVITALIZED"));
    }

    @Transactional
    void withdraw(Object rawId, Integer expectedVersion, String reason) {
        String why = ScopedRows.reason(reason);
        Locked h = lock(rawId, "withdrawHomestead", expectedVersion);
        step(h, "withdrawn");
        jdbc.update("UPDATE homestead_revitalization SET status = 'ended' WHERE homestead_id = :h AND status IN ('proposed', 'approved')", Map.of("h", h.id()));
        jdbc.update("UPDATE homestead SET revitalization_status = 'withdrawn', version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id",
                Map.of("by", Viewer.current().username(), "id", h.id()));
        changed(h, "withdrawn", "withdrawHomestead", why, Map.of("revitalizationStatus", "WITHDRAWN", "reason", why));
    }

    /**
     * setHomesteadRevitalizationStatus: a correction by hand of the recorded status of many homesteads at once, all
     * or nothing (outside the workflow's steps, for data-entry errors): kept in the history and the audit log, the
     * version moves, and revitalized_on follows the status so the plan target counts what is recorded.
     */
    @Transactional
    List<Long> correct(List<String> ids, String status, String reason) {
        String why = ScopedRows.reason(reason);
        String to = status.toLowerCase(Locale.ROOT);
        List<ScopedRows.Row> rows = ScopedRows.lock(jdbc, "homestead", "revitalization_status", ids, "ids", "setHomesteadRevitalizationStatus");
        List<Long> locked = rows.stream().map(ScopedRows.Row::id).toList();
        String by = Viewer.current().username();
        jdbc.update("""
                UPDATE homestead SET revitalization_status = :s, version = version + 1, updated_at = now(), updated_by = :by,
                    revitalized_on = CASE WHEN :s <> 'revitalized' THEN NULL WHEN revitalization_status = 'revitalized' THEN revitalized_on ELSE current_date END
                WHERE id IN (:ids)""", Map.of("s", to, "ids", locked, "by", by));
        for (ScopedRows.Row r : rows) {
            history(r.county(), r.id(), r.value(), to, by, "更正 correction: " + why);
            audit.record("setHomesteadRevitalizationStatus", "homestead", r.id(), r.county(), Map.of("revitalizationStatus", r.value().toUpperCase(Locale.ROOT)),
                    Map.of("revitalizationStatus", status, "reason", why));
        }
        return locked;
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** Checked terms of an agreement, as SQL parameters. */
    private record Terms(MapSqlParameterSource params, Map<String, Object> audited) {
        Map<String, Object> audited(String status) {
            Map<String, Object> m = new LinkedHashMap<>(audited);
            m.put("revitalizationStatus", status);
            return m;
        }
    }

    /** The rules of an agreement; a broken one is refused naming the field and the rule. */
    static Terms check(HomesteadInputs.Agreement a, String arg) {
        if (a == null) {
            throw ApiException.badInput(arg, "give the terms of the agreement");
        }
        String mode = lower(a.mode());
        String kind = lower(a.counterpartyKind());
        String use = lower(a.newUse());
        if (mode == null || !MODES.contains(mode)) {
            throw ApiException.badInput(arg + ".mode", "give the mode: SELF_OPERATED 自营, LEASE 出租, EQUITY 入股, COOPERATION 合作 or EXCHANGE 置换; a homestead is never sold");
        }
        if (kind == null || !COUNTERPARTIES.contains(kind)) {
            throw ApiException.badInput(arg + ".counterpartyKind", "give the counterparty: VILLAGE_COLLECTIVE, RETURNEE, URBAN_RESIDENT, BUSINESS or HOUSEHOLD");
        }
        if ("exchange".equals(mode) && !"village_collective".equals(kind)) {
            throw ApiException.badInput(arg + ".counterpartyKind", "置换 is an exchange with the village collective only; with " + kind.toUpperCase(Locale.ROOT)
                    + " it would be a sale of the homestead to an outsider, which is forbidden");
        }
        if ("self_operated".equals(mode) != "household".equals(kind) && !("self_operated".equals(mode) && "returnee".equals(kind))) {
            throw ApiException.badInput(arg + ".counterpartyKind", "self_operated".equals(mode)
                    ? "自营 is run by the household itself (HOUSEHOLD, or a RETURNEE using the own house)"
                    : "the household is the counterparty only of 自营 (SELF_OPERATED)");
        }
        if (use != null && REFUSED_USES.contains(use)) {
            throw ApiException.badInput(arg + ".newUse", "no villas or private clubs on homesteads (农经发〔2019〕4号): " + use.toUpperCase(Locale.ROOT) + " is refused");
        }
        if (use == null || !USES.contains(use)) {
            throw ApiException.badInput(arg + ".newUse", "give the new use: HOMESTAY, CATERING, CULTURE, OFFICE, ECOMMERCE, STORAGE_COLD_CHAIN, PROCESSING, ELDERLY_CARE or OTHER");
        }
        if (a.useDescription() != null) {
            String d = a.useDescription().toLowerCase(Locale.ROOT);
            for (String w : REFUSED_WORDS) {
                if (d.contains(w)) {
                    throw ApiException.badInput(arg + ".useDescription", "no villas or private clubs on homesteads (农经发〔2019〕4号): the use described names \"" + w + "\"");
                }
            }
        }
        if (a.termStart() == null) {
            throw ApiException.badInput(arg + ".termStart", "give the day the agreement starts");
        }
        if (a.termEnd() != null && !a.termEnd().isAfter(a.termStart())) {
            throw ApiException.badInput(arg + ".termEnd", "ends on " + a.termEnd() + ", not after its start " + a.termStart());
        }
        if ("lease".equals(mode)) {
            LocalDate limit = a.termStart().plusYears(MAX_LEASE_YEARS);
            if (a.termEnd() == null) {
                throw ApiException.badInput(arg + ".termEnd", "a lease of a rural house has an end, at most " + MAX_LEASE_YEARS + " years after its start (by " + limit + ")");
            }
            if (a.termEnd().isAfter(limit)) {
                throw ApiException.badInput(arg + ".termEnd", "a lease of a rural house runs at most " + MAX_LEASE_YEARS + " years (Civil Code Art. 705): from "
                        + a.termStart() + " it must end by " + limit + ", not " + a.termEnd());
            }
        }
        if (OUTSIDERS.contains(kind) && a.termEnd() == null) {
            throw ApiException.badInput(arg + ".termEnd", "an agreement without end with " + kind.toUpperCase(Locale.ROOT)
                    + " would be a disguised sale of the homestead to an outsider; give its end");
        }
        nonNegative(a.incomeHouseholdYuan(), arg + ".incomeHouseholdYuan");
        nonNegative(a.incomeCollectiveYuan(), arg + ".incomeCollectiveYuan");
        nonNegative(a.investmentWanYuan(), arg + ".investmentWanYuan");
        String name = a.counterpartyName() == null || a.counterpartyName().isBlank() ? null : a.counterpartyName().strip();
        MapSqlParameterSource p = new MapSqlParameterSource("mode", mode).addValue("kind", kind).addValue("name", name).addValue("use", use)
                .addValue("desc", a.useDescription()).addValue("start", a.termStart()).addValue("end", a.termEnd())
                .addValue("rent", "lease".equals(mode) ? a.incomeHouseholdYuan() : null).addValue("hh", a.incomeHouseholdYuan())
                .addValue("coll", a.incomeCollectiveYuan()).addValue("inv", a.investmentWanYuan());
        Map<String, Object> audited = new LinkedHashMap<>();
        audited.put("mode", mode);
        audited.put("counterpartyKind", kind);
        audited.put("newUse", use);
        audited.put("termStart", a.termStart().toString());
        audited.put("termEnd", a.termEnd() == null ? null : a.termEnd().toString());
        audited.put("incomeHouseholdYuan", a.incomeHouseholdYuan());
        audited.put("incomeCollectiveYuan", a.incomeCollectiveYuan());
        return new Terms(p, audited);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    Locked lock(Object rawId, String action, Integer expectedVersion) {
        Viewer v = Access.requireStaff(action);
        if (expectedVersion == null) {
            throw ApiException.badInput("expectedVersion", "give the version you edited (the homestead's version field), so a change made meanwhile is not overwritten");
        }
        long id = Ids.parse("id", rawId);
        List<Locked> rows = jdbc.query("""
                SELECT id, coalesce(certificate_no, id::text), county_code, revitalization_status, version, occupancy, idle_since, consent_on
                FROM homestead WHERE id = :id FOR UPDATE""", Map.of("id", id),
                (rs, i) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                        date(rs.getDate(7)), date(rs.getDate(8))));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no homestead with id " + id);
        }
        Locked h = rows.get(0);
        if (!v.isStaffIn(h.county())) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "id", "homestead " + h.name() + " is in county " + h.county()
                    + ", outside the counties of account " + v.username() + "; nothing was changed");
        }
        if (h.version() != expectedVersion) {
            throw ApiException.staleVersion("expectedVersion", "homestead " + h.name(), h.version(), expectedVersion);
        }
        return h;
    }

    /** Refuses an illegal step, naming the rule. */
    private static void step(Locked h, String to) {
        Set<String> next = RevitalizationStatus.NEXT.getOrDefault(h.status(), Set.of());
        if (next.contains(to)) {
            return;
        }
        String rule = switch (h.status()) {
            case "revitalized" -> "a revitalized homestead's agreement is in force; it ends with its term";
            case "none" -> "homestead " + h.name() + " is not recorded idle; survey it first (surveyHomestead)";
            default -> "allowed from " + h.status().toUpperCase(Locale.ROOT) + ": "
                    + (next.isEmpty() ? "nothing" : next.stream().sorted().map(s -> s.toUpperCase(Locale.ROOT)).toList());
        };
        throw ApiException.badInput("id", "homestead " + h.name() + " cannot go from " + h.status().toUpperCase(Locale.ROOT) + " to "
                + to.toUpperCase(Locale.ROOT) + ": " + rule);
    }

    private void changed(Locked h, String to, String action, String reason, Map<String, Object> after) {
        history(h.county(), h.id(), h.status(), to, Viewer.current().username(), reason);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("revitalizationStatus", h.status().toUpperCase(Locale.ROOT));
        before.put("version", h.version());
        audit.record(action, "homestead", h.id(), h.county(), before, after);
    }

    private void history(String county, long id, String from, String to, String by, String reason) {
        jdbc.update("""
                INSERT INTO homestead_status_history (county_code, homestead_id, from_status, to_status, changed_at, changed_by, reason)
                VALUES (:county, :id, :from, :to, now(), :by, :reason)""",
                new MapSqlParameterSource("id", id).addValue("county", county).addValue("from", from).addValue("to", to).addValue("by", by).addValue("reason", reason));
    }

    private static void nonNegative(Double v, String arg) {
        if (v != null && (v < 0 || v.isNaN() || v.isInfinite())) {
            throw ApiException.badInput(arg, "must not be negative, got " + v);
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static LocalDate date(Object d) {
        return d == null ? null : d instanceof java.sql.Date s ? s.toLocalDate() : (LocalDate) d;
    }
}
