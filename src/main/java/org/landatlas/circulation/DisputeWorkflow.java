package org.landatlas.circulation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.landatlas.parcel.ParcelFootprints;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 纠纷调处: a dispute over a contract or a parcel goes through steps (negotiation, village or township mediation,
 * arbitration, court — the law lets the parties skip to arbitration or court, so no order is imposed beyond the
 * dates) until it is resolved. A dispute over a contract in force puts the contract in status disputed; resolving
 * the last open dispute restores the status it had. Every change takes the version the officer saw.
 */
@Component
class DisputeWorkflow {

    static final List<String> STAGES = List.of("negotiation", "village_mediation", "township_mediation", "arbitration", "court");
    static final List<String> KINDS = List.of("rent_arrears", "use_change", "boundary", "abandonment", "early_termination", "other");

    private final NamedParameterJdbcTemplate jdbc;
    private final ParcelFootprints footprints;
    private final ParcelAvailability parcelStatuses;
    private final AuditLog audit;

    DisputeWorkflow(NamedParameterJdbcTemplate jdbc, ParcelFootprints footprints, ParcelAvailability parcelStatuses, AuditLog audit) {
        this.jdbc = jdbc;
        this.footprints = footprints;
        this.parcelStatuses = parcelStatuses;
        this.audit = audit;
    }

    record NewDispute(String contractId, String parcelId, String kind, String stage, String summary, LocalDate openedOn) {
    }

    record NewStep(Integer expectedVersion, String stage, LocalDate startedOn, LocalDate endedOn, String outcome) {
    }

    private record Locked(long id, String county, Long contractId, Long parcelId, String stage, int version, LocalDate openedOn, boolean resolved) {
    }

    @Transactional
    long open(NewDispute in) {
        Viewer v = Access.requireStaff("openDispute");
        if (in == null || (in.contractId() == null) == (in.parcelId() == null)) {
            throw ApiException.badInput("input.contractId", "give the contract or the parcel the dispute is about, one of the two");
        }
        String kind = choice("input.kind", in.kind(), KINDS);
        String stage = in.stage() == null ? "negotiation" : choice("input.stage", in.stage(), STAGES);
        String summary = text("input.summary", in.summary(), 2000, true);
        LocalDate opened = in.openedOn() == null ? LocalDate.now() : in.openedOn();
        if (opened.isAfter(LocalDate.now())) {
            throw ApiException.badInput("input.openedOn", opened + " is in the future");
        }
        String county;
        Long contract = null;
        Long parcel = null;
        String before = null;
        List<Long> parcels;
        if (in.contractId() != null) {
            contract = Ids.parse("input.contractId", in.contractId());
            List<Map<String, Object>> c = jdbc.queryForList("SELECT county_code, status, contract_no, term_start FROM circulation_contract WHERE id = :id FOR UPDATE",
                    Map.of("id", contract));
            if (c.isEmpty()) {
                throw ApiException.notFound("input.contractId", "no circulation contract with id " + contract);
            }
            county = (String) c.get(0).get("county_code");
            scope(v, county, "input.contractId", "contract " + c.get(0).get("contract_no"));
            String status = (String) c.get(0).get("status");
            if ("draft".equals(status)) {
                throw ApiException.badInput("input.contractId", "contract " + c.get(0).get("contract_no") + " is a draft; a dispute is over a signed contract");
            }
            if (ActiveContracts.STATUSES.contains(status) && !"disputed".equals(status)) {
                before = status;
                jdbc.update("UPDATE circulation_contract SET status = 'disputed', updated_at = now() WHERE id = :id", Map.of("id", contract));
                contractHistory(county, contract, status, "disputed", v.username(), "纠纷: " + summary);
            }
            parcels = jdbc.queryForList("SELECT parcel_id FROM circulation_contract_parcel WHERE contract_id = :id", Map.of("id", contract), Long.class);
        } else {
            parcel = Ids.parse("input.parcelId", in.parcelId());
            List<ParcelFootprints.Footprint> fp = footprints.lock(List.of(parcel));
            if (fp.isEmpty()) {
                throw ApiException.notFound("input.parcelId", "no parcel with id " + parcel);
            }
            county = fp.get(0).county();
            scope(v, county, "input.parcelId", "parcel " + parcel);
            parcels = List.of(parcel);
        }
        long id = jdbc.queryForObject("""
                INSERT INTO circulation_dispute (contract_id, parcel_id, county_code, opened_on, kind, stage, summary, contract_status_before, opened_by)
                VALUES (:contract, :parcel, :county, :opened, :kind, :stage, :summary, :before, :by) RETURNING id""",
                new MapSqlParameterSource("contract", contract).addValue("parcel", parcel).addValue("county", county).addValue("opened", opened)
                        .addValue("kind", kind).addValue("stage", stage).addValue("summary", summary).addValue("before", before).addValue("by", v.username()),
                Long.class);
        step(county, id, stage, opened, null, null, v.username());
        // Disputed still holds the land (ActiveContracts), so the parcels stay circulated; refreshed in this transaction all the same.
        parcelStatuses.changed(parcels);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("contractId", contract);
        after.put("parcelId", parcel);
        after.put("kind", kind);
        after.put("stage", stage);
        after.put("contractStatus", before == null ? null : "disputed");
        audit.record("openDispute", "circulation_dispute", id, county, before == null ? null : Map.of("contractStatus", before), after);
        return id;
    }

    @Transactional
    void addStep(Object rawId, NewStep in) {
        if (in == null) {
            throw ApiException.badInput("input", "give the step");
        }
        Locked d = lock(rawId, "addDisputeStep", in.expectedVersion(), "input.expectedVersion");
        if (d.resolved()) {
            throw ApiException.badInput("id", "dispute " + d.id() + " is resolved; open a new dispute instead");
        }
        String stage = choice("input.stage", in.stage(), STAGES);
        LocalDate start = in.startedOn() == null ? LocalDate.now() : in.startedOn();
        if (start.isAfter(LocalDate.now())) {
            throw ApiException.badInput("input.startedOn", start + " is in the future");
        }
        LocalDate lastStart = jdbc.queryForObject("SELECT max(started_on) FROM circulation_dispute_step WHERE dispute_id = :id", Map.of("id", d.id()),
                LocalDate.class);
        LocalDate floor = lastStart != null && lastStart.isAfter(d.openedOn()) ? lastStart : d.openedOn();
        if (start.isBefore(floor)) {
            throw ApiException.badInput("input.startedOn", start + " is before " + floor + " (the dispute's opening or its last step)");
        }
        if (in.endedOn() != null && in.endedOn().isBefore(start)) {
            throw ApiException.badInput("input.endedOn", in.endedOn() + " is before startedOn " + start);
        }
        String outcome = text("input.outcome", in.outcome(), 2000, false);
        String by = Viewer.current().username();
        // The step before ends where this one starts, unless it was given an end already.
        jdbc.update("UPDATE circulation_dispute_step SET ended_on = :d WHERE dispute_id = :id AND ended_on IS NULL", Map.of("id", d.id(), "d", start));
        step(d.county(), d.id(), stage, start, in.endedOn(), outcome, by);
        jdbc.update("UPDATE circulation_dispute SET stage = :s, version = version + 1 WHERE id = :id", Map.of("s", stage, "id", d.id()));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("stage", stage);
        after.put("startedOn", start.toString());
        after.put("outcome", outcome);
        audit.record("addDisputeStep", "circulation_dispute", d.id(), d.county(), Map.of("stage", d.stage(), "version", d.version()), after);
    }

    @Transactional
    void resolve(Object rawId, Integer expectedVersion, LocalDate resolvedOn, String outcome) {
        Locked d = lock(rawId, "resolveDispute", expectedVersion, "expectedVersion");
        if (d.resolved()) {
            throw ApiException.badInput("id", "dispute " + d.id() + " is resolved already");
        }
        LocalDate on = resolvedOn == null ? LocalDate.now() : resolvedOn;
        if (on.isAfter(LocalDate.now())) {
            throw ApiException.badInput("resolvedOn", on + " is in the future");
        }
        LocalDate lastStart = jdbc.queryForObject("SELECT max(started_on) FROM circulation_dispute_step WHERE dispute_id = :id", Map.of("id", d.id()),
                LocalDate.class);
        LocalDate floor = lastStart != null && lastStart.isAfter(d.openedOn()) ? lastStart : d.openedOn();
        if (on.isBefore(floor)) {
            throw ApiException.badInput("resolvedOn", on + " is before " + floor + " (the dispute's opening or its last step)");
        }
        String result = text("outcome", outcome, 2000, true);
        String by = Viewer.current().username();
        jdbc.update("UPDATE circulation_dispute_step SET ended_on = :d, outcome = coalesce(outcome, :o) WHERE dispute_id = :id AND ended_on IS NULL",
                Map.of("id", d.id(), "d", on, "o", result));
        jdbc.update("""
                UPDATE circulation_dispute SET stage = 'resolved', resolved_on = :d, outcome = :o, resolved_by = :by, version = version + 1 WHERE id = :id""",
                Map.of("id", d.id(), "d", on, "o", result, "by", by));
        String restored = null;
        List<Long> parcels = d.parcelId() == null ? List.of() : List.of(d.parcelId());
        if (d.contractId() != null) {
            Map<String, Object> c = jdbc.queryForMap("SELECT status FROM circulation_contract WHERE id = :id FOR UPDATE", Map.of("id", d.contractId()));
            Integer stillOpen = jdbc.queryForObject("SELECT count(*) FROM circulation_dispute WHERE contract_id = :c AND resolved_on IS NULL",
                    Map.of("c", d.contractId()), Integer.class);
            if ("disputed".equals(c.get("status")) && stillOpen == 0) {
                // The status before the dispute that put the contract in dispute (the latest one that changed it).
                List<String> before = jdbc.queryForList("""
                        SELECT contract_status_before FROM circulation_dispute WHERE contract_id = :c AND contract_status_before IS NOT NULL
                        ORDER BY opened_on DESC, id DESC LIMIT 1""", Map.of("c", d.contractId()), String.class);
                restored = before.isEmpty() ? "active" : before.get(0);
                jdbc.update("UPDATE circulation_contract SET status = :s, updated_at = now() WHERE id = :id", Map.of("s", restored, "id", d.contractId()));
                contractHistory(d.county(), d.contractId(), "disputed", restored, by, "纠纷调处结案: " + result);
            }
            parcels = jdbc.queryForList("SELECT parcel_id FROM circulation_contract_parcel WHERE contract_id = :id", Map.of("id", d.contractId()), Long.class);
        }
        parcelStatuses.changed(parcels);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("stage", "resolved");
        after.put("resolvedOn", on.toString());
        after.put("contractStatus", restored);
        audit.record("resolveDispute", "circulation_dispute", d.id(), d.county(), Map.of("stage", d.stage(), "version", d.version()), after);
    }

    private Locked lock(Object rawId, String action, Integer expectedVersion, String versionArgument) {
        Viewer v = Access.requireStaff(action);
        if (expectedVersion == null) {
            throw ApiException.badInput(versionArgument, "give the version you saw (the dispute's version field), so a change made meanwhile is not overwritten");
        }
        long id = Ids.parse("id", rawId);
        List<Locked> rows = jdbc.query("""
                SELECT id, county_code, contract_id, parcel_id, stage, version, opened_on, resolved_on IS NOT NULL FROM circulation_dispute WHERE id = :id FOR UPDATE""",
                Map.of("id", id), (rs, i) -> new Locked(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4), rs.getString(5),
                        rs.getInt(6), rs.getDate(7).toLocalDate(), rs.getBoolean(8)));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no dispute with id " + id);
        }
        Locked d = rows.get(0);
        scope(v, d.county(), "id", "dispute " + id);
        if (d.version() != expectedVersion) {
            throw ApiException.staleVersion(versionArgument, "dispute " + id, d.version(), expectedVersion);
        }
        return d;
    }

    private static void scope(Viewer v, String county, String argument, String what) {
        if (!v.isStaffIn(county)) {
            throw new ApiException(ApiException.Code.FORBIDDEN, argument, what + " is in county " + county + ", outside the counties of account "
                    + v.username() + "; nothing was changed");
        }
    }

    private void step(String county, long dispute, String stage, LocalDate start, LocalDate end, String outcome, String by) {
        jdbc.update("""
                INSERT INTO circulation_dispute_step (county_code, dispute_id, stage, started_on, ended_on, outcome, recorded_by)
                VALUES (:county, :d, :s, :start, :end, :o, :by)""", new MapSqlParameterSource("d", dispute).addValue("county", county).addValue("s", stage).addValue("start", start)
                .addValue("end", end).addValue("o", outcome).addValue("by", by));
    }

    private void contractHistory(String county, long contract, String from, String to, String by, String reason) {
        jdbc.update("""
                INSERT INTO circulation_status_history (county_code, contract_id, from_status, to_status, changed_at, changed_by, reason)
                VALUES (:county, :id, :from, :to, now(), :by, :reason)""",
                Map.of("id", contract, "county", county, "from", from, "to", to, "by", by, "reason", reason.length() > 500 ? reason.substring(0, 500) : reason));
    }

    private static String choice(String argument, String value, List<String> allowed) {
        if (value == null) {
            throw ApiException.badInput(argument, "give one of " + allowed.stream().map(String::toUpperCase).toList());
        }
        String v = value.toLowerCase();
        if (!allowed.contains(v)) {
            throw ApiException.badInput(argument, value + " is not one of " + allowed.stream().map(String::toUpperCase).toList());
        }
        return v;
    }

    /** Dispute texts are staff-only but still keep ID numbers and phones out: those belong in schema personal. */
    private static String text(String argument, String value, int max, boolean required) {
        String s = PersonalText.check(argument, value, max);
        if (required && (s == null || s.isEmpty())) {
            throw ApiException.badInput(argument, "must not be empty");
        }
        return s;
    }
}
