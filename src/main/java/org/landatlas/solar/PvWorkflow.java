package org.landatlas.solar;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
 * The work on PV sites: survey, the household's consent, assignment to a transformer, and the status changes
 * candidate → surveyed → filed → built → connected, or rejected with a reason. Every change locks the site row and
 * compares the version the officer edited; every status change is kept in pv_site_status_history and every change
 * in the audit log. Connecting locks the transformer row first, so two connections against the last free kW are
 * serialised and the second sees the first: a transformer never carries more connected PV than it hosts.
 */
@Component
class PvWorkflow {

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;

    PvWorkflow(NamedParameterJdbcTemplate jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The locked row of a site. */
    record Locked(long id, String county, String status, int version, Long transformerId, double capacityKw, String filingNo, boolean consent) {
    }

    // ------------------------------------------------------------------------------------------------ survey

    /** surveyPvSite: the survey's facts; a candidate becomes surveyed (a surveyed site's facts may be corrected). */
    @Transactional
    void survey(Object rawId, PvInputs.Survey in, Integer expectedVersion) {
        if (in == null) {
            throw ApiException.badInput("input", "give the survey's facts");
        }
        Locked s = lock(rawId, "surveyPvSite", expectedVersion);
        if (!PvSiteStatus.CANDIDATE.equals(s.status()) && !PvSiteStatus.SURVEYED.equals(s.status())) {
            throw ApiException.badInput("id", "site " + s.id() + " is " + s.status().toUpperCase(Locale.ROOT) + "; only a CANDIDATE is surveyed (or a SURVEYED site corrected)");
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT roof_area_m2, usable_area_m2 FROM pv_site WHERE id = :id", Map.of("id", s.id()));
        double roof = ((Number) row.get("roof_area_m2")).doubleValue();
        double usable = ((Number) row.get("usable_area_m2")).doubleValue();
        if (in.usableShare() != null) {
            if (in.usableShare() <= 0 || in.usableShare() > 1 || in.usableShare().isNaN()) {
                throw ApiException.badInput("input.usableShare", "a share of the roof above 0 and at most 1, got " + in.usableShare());
            }
            usable = roof * in.usableShare();
        }
        String roofType = in.roofType() == null ? null : in.roofType().toLowerCase(Locale.ROOT);
        if (roofType != null && !List.of("concrete_flat", "color_steel", "tile", "film", "ground").contains(roofType)) {
            throw ApiException.badInput("input.roofType", "one of CONCRETE_FLAT, COLOR_STEEL, TILE, FILM, GROUND; got " + in.roofType());
        }
        check(in.tiltDeg(), 0, 90, "input.tiltDeg");
        if (in.azimuthDeg() != null && (in.azimuthDeg() < 0 || in.azimuthDeg() >= 360)) {
            throw ApiException.badInput("input.azimuthDeg", "degrees from north, 0 ≤ azimuth < 360 (south 180), got " + in.azimuthDeg());
        }
        check(in.altitudeM(), -500, 9000, "input.altitudeM");
        double wPerM2 = jdbc.queryForObject("SELECT coalesce((SELECT watts_per_m2 FROM pv_county_assumption WHERE county_code = :c), 150)",
                Map.of("c", s.county()), Double.class);
        double capacity = in.capacityKw() != null ? in.capacityKw() : usable * wPerM2 / 1000;
        if (capacity <= 0 || capacity > 6000 || Double.isNaN(capacity)) {
            throw ApiException.badInput("input.capacityKw", "kWp above 0 and at most 6000 (非自然人户用 ≤ 6 MW), got " + capacity);
        }
        String by = Viewer.current().username();
        MapSqlParameterSource p = new MapSqlParameterSource("id", s.id()).addValue("usable", usable).addValue("kw", capacity)
                .addValue("roof", roofType).addValue("tilt", in.tiltDeg()).addValue("az", in.azimuthDeg()).addValue("alt", in.altitudeM())
                .addValue("coll", in.collectiveInvested()).addValue("by", by);
        jdbc.update("""
                UPDATE pv_site SET status = 'surveyed', usable_area_m2 = :usable, capacity_kw = :kw, roof_type = coalesce(:roof, roof_type),
                    tilt_deg = coalesce(:tilt, tilt_deg), azimuth_deg = coalesce(:az, azimuth_deg), altitude_m = coalesce(:alt, altitude_m),
                    collective_invested = coalesce(:coll, collective_invested), version = version + 1, updated_at = now(), updated_by = :by
                WHERE id = :id""", p);
        if (s.transformerId() == null) {
            assign(s.id(), null, s.county());
        }
        if (PvSiteStatus.CANDIDATE.equals(s.status())) {
            history(s.id(), s.status(), PvSiteStatus.SURVEYED, by, "踏勘 surveyed");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", "SURVEYED");
        after.put("capacityKw", capacity);
        after.put("usableAreaM2", usable);
        audit.record("surveyPvSite", "pv_site", s.id(), s.county(), Map.of("status", s.status().toUpperCase(Locale.ROOT), "version", s.version()), after);
    }

    // ------------------------------------------------------------------------------------------------ consent

    /** recordPvConsent: the household's written consent; signedBy is personal data (masked without the permission, never public). */
    @Transactional
    void consent(Object rawId, LocalDate consentOn, String signedBy, String documentRef, Integer expectedVersion) {
        Locked s = lock(rawId, "recordPvConsent", expectedVersion);
        if (PvSiteStatus.REJECTED.equals(s.status()) || PvSiteStatus.CONNECTED.equals(s.status())) {
            throw ApiException.badInput("id", "site " + s.id() + " is " + s.status().toUpperCase(Locale.ROOT) + "; consent is recorded before filing");
        }
        if (consentOn == null || consentOn.isAfter(LocalDate.now())) {
            throw ApiException.badInput("consentOn", "give the date the household signed, not in the future");
        }
        if (signedBy == null || signedBy.isBlank() || signedBy.length() > 50) {
            throw ApiException.badInput("signedBy", "give the name of the household member who signed (1–50 characters)");
        }
        if (documentRef != null && documentRef.length() > 200) {
            throw ApiException.badInput("documentRef", "at most 200 characters");
        }
        String by = Viewer.current().username();
        jdbc.update("""
                INSERT INTO pv_site_consent (site_id, consent_on, signed_by, document_ref, recorded_by) VALUES (:id, :on, :who, :doc, :by)
                ON CONFLICT (site_id) DO UPDATE SET consent_on = excluded.consent_on, signed_by = excluded.signed_by,
                    document_ref = excluded.document_ref, recorded_by = excluded.recorded_by, recorded_at = now()""",
                new MapSqlParameterSource("id", s.id()).addValue("on", consentOn).addValue("who", signedBy.strip()).addValue("doc", documentRef)
                        .addValue("by", by));
        bump(s.id(), by);
        // The audit keeps that consent was recorded and when, not the signer's name.
        audit.record("recordPvConsent", "pv_site", s.id(), s.county(), Map.of("version", s.version(), "consent", s.consent()),
                Map.of("consentOn", consentOn.toString(), "documentRef", documentRef == null ? "" : documentRef));
    }

    // ------------------------------------------------------------------------------------------------ transformer

    /** assignPvTransformer: the given transformer, or (none given) the county's rule: the service area containing the site, else the nearest. */
    @Transactional
    void assignTransformer(Object rawId, String rawTransformerId, Integer expectedVersion) {
        Locked s = lock(rawId, "assignPvTransformer", expectedVersion);
        if (!PvSiteStatus.POTENTIAL.contains(s.status())) {
            throw ApiException.badInput("id", "site " + s.id() + " is " + s.status().toUpperCase(Locale.ROOT)
                    + "; a filed site keeps the transformer it was filed on (reject it and survey anew to move it)");
        }
        Long t = rawTransformerId == null ? null : Ids.parse("transformerId", rawTransformerId);
        long chosen = assign(s.id(), t, s.county());
        bump(s.id(), Viewer.current().username());
        audit.record("assignPvTransformer", "pv_site", s.id(), s.county(), Map.of("transformerId", s.transformerId() == null ? "" : s.transformerId(),
                "version", s.version()), Map.of("transformerId", chosen));
    }

    /** Sets the site's transformer: {@code transformerId} (checked to be of the county) or the county's rule. Answers the transformer. */
    long assign(long siteId, Long transformerId, String county) {
        if (transformerId != null) {
            List<String> c = jdbc.queryForList("SELECT county_code FROM distribution_transformer WHERE id = :id", Map.of("id", transformerId), String.class);
            if (c.isEmpty()) {
                throw ApiException.notFound("transformerId", "no distribution transformer with id " + transformerId);
            }
            if (!county.equals(c.get(0))) {
                throw ApiException.badInput("transformerId", "transformer " + transformerId + " is in county " + c.get(0) + ", the site in " + county);
            }
        } else {
            List<Long> found = jdbc.queryForList("""
                    WITH s AS (SELECT county_code, ST_PointOnSurface(geom) AS p FROM pv_site WHERE id = :id),
                    rule AS (SELECT coalesce((SELECT assignment_rule FROM pv_county_assumption a, s WHERE a.county_code = s.county_code), 'nearest') AS r)
                    SELECT coalesce(
                        (SELECT t.id FROM distribution_transformer t, s, rule WHERE rule.r = 'service_area' AND t.county_code = s.county_code
                           AND ST_Intersects(t.service_area, s.p) ORDER BY t.id LIMIT 1),
                        (SELECT t.id FROM distribution_transformer t, s WHERE t.county_code = s.county_code ORDER BY t.geom <-> s.p, t.id LIMIT 1))""",
                    Map.of("id", siteId), Long.class);
            if (found.isEmpty() || found.get(0) == null) {
                throw ApiException.badInput("transformerId", "county " + county + " has no distribution transformer to assign the site to");
            }
            transformerId = found.get(0);
        }
        jdbc.update("UPDATE pv_site SET transformer_id = :t WHERE id = :id", Map.of("t", transformerId, "id", siteId));
        return transformerId;
    }

    // ------------------------------------------------------------------------------------------------ status

    /** setPvSiteStatus: surveyed → filed (consent, transformer, filing number), filed → built, built → connected (the guard), any open → rejected. */
    @Transactional
    void setStatus(Object rawId, String status, String reason, String filingNo, LocalDate connectedOn, Integer expectedVersion) {
        String to = status == null ? null : status.toLowerCase(Locale.ROOT);
        if (to == null || !PvSiteStatus.ALL.contains(to)) {
            throw ApiException.badInput("status", "unknown status " + status);
        }
        Locked s = lock(rawId, "setPvSiteStatus", expectedVersion);
        if (to.equals(s.status())) {
            throw ApiException.badInput("status", "site " + s.id() + " is " + to.toUpperCase(Locale.ROOT) + " already");
        }
        if (!PvSiteStatus.NEXT.get(s.status()).contains(to) || PvSiteStatus.SURVEYED.equals(to)) {
            String rule = PvSiteStatus.NEXT.get(s.status()).isEmpty() ? s.status().toUpperCase(Locale.ROOT) + " ends the workflow"
                    : PvSiteStatus.SURVEYED.equals(to) ? "a site is surveyed with surveyPvSite"
                    : "allowed from " + s.status().toUpperCase(Locale.ROOT) + ": " + PvSiteStatus.NEXT.get(s.status()).stream().sorted()
                            .map(x -> x.toUpperCase(Locale.ROOT)).toList();
            throw ApiException.badInput("status", "site " + s.id() + " cannot go from " + s.status().toUpperCase(Locale.ROOT) + " to "
                    + to.toUpperCase(Locale.ROOT) + ": " + rule);
        }
        String by = Viewer.current().username();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw ApiException.badInput("reason", "at most 500 characters");
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", to.toUpperCase(Locale.ROOT));
        switch (to) {
            case PvSiteStatus.FILED -> {
                if (!s.consent()) {
                    throw ApiException.badInput("status", "site " + s.id() + " has no recorded consent of the household (recordPvConsent first): no filing without it");
                }
                if (s.transformerId() == null) {
                    throw ApiException.badInput("status", "site " + s.id() + " has no transformer (assignPvTransformer first)");
                }
                String no = filingNo == null || filingNo.isBlank() ? null : filingNo.strip();
                if (no == null) {
                    throw ApiException.badInput("filingNo", "give the filing number (备案号) of the filing");
                }
                if (no.length() > 50) {
                    throw ApiException.badInput("filingNo", "at most 50 characters");
                }
                Integer taken = jdbc.queryForObject("SELECT count(*) FROM pv_site WHERE filing_no = :no AND id <> :id", Map.of("no", no, "id", s.id()), Integer.class);
                if (taken != null && taken > 0) {
                    throw ApiException.badInput("filingNo", "filing number " + no + " belongs to another site");
                }
                jdbc.update("UPDATE pv_site SET status = 'filed', filing_no = :no, filed_at = clock_timestamp() WHERE id = :id", Map.of("no", no, "id", s.id()));
                after.put("filingNo", no);
            }
            case PvSiteStatus.BUILT -> jdbc.update("UPDATE pv_site SET status = 'built' WHERE id = :id", Map.of("id", s.id()));
            case PvSiteStatus.CONNECTED -> {
                LocalDate on = connectedOn == null ? LocalDate.now() : connectedOn;
                if (on.isAfter(LocalDate.now())) {
                    throw ApiException.badInput("connectedOn", on + " is in the future");
                }
                guard(s);
                jdbc.update("UPDATE pv_site SET status = 'connected', connected_on = :on WHERE id = :id", Map.of("on", on, "id", s.id()));
                after.put("connectedOn", on.toString());
            }
            case PvSiteStatus.REJECTED -> {
                if (why == null) {
                    throw ApiException.badInput("reason", "say why the site is rejected (不予接入的原因)");
                }
                jdbc.update("UPDATE pv_site SET status = 'rejected', reject_reason = :r WHERE id = :id", Map.of("r", why, "id", s.id()));
            }
            default -> throw new IllegalStateException(to);
        }
        bump(s.id(), by);
        history(s.id(), s.status(), to, by, why);
        if (why != null) {
            after.put("reason", why);
        }
        audit.record("setPvSiteStatus", "pv_site", s.id(), s.county(), Map.of("status", s.status().toUpperCase(Locale.ROOT), "version", s.version()), after);
        // The transformer's open capacity changed: its tile is drawn anew.
        if (s.transformerId() != null) {
            jdbc.update("UPDATE distribution_transformer SET version = version WHERE id = :t", Map.of("t", s.transformerId()));
        }
    }

    /**
     * The connection guard: with the transformer row locked, the connected PV plus this site must fit the hosting
     * capacity, and the line and main transformer above must have open capacity.
     */
    private void guard(Locked s) {
        jdbc.queryForList("SELECT id FROM distribution_transformer WHERE id = :t FOR UPDATE", Map.of("t", s.transformerId()), Long.class);
        Map<String, Object> l = jdbc.queryForMap("SELECT pv_hosting_kw, connected_pv_kw, upstream_red FROM distribution_transformer_load WHERE transformer_id = :t",
                Map.of("t", s.transformerId()));
        double hosting = ((Number) l.get("pv_hosting_kw")).doubleValue();
        double connected = ((Number) l.get("connected_pv_kw")).doubleValue();
        if (Boolean.TRUE.equals(l.get("upstream_red"))) {
            throw ApiException.badInput("status", "site " + s.id() + " cannot be connected: the 10 kV line or main transformer above transformer "
                    + s.transformerId() + " has no open capacity (red)");
        }
        if (connected + s.capacityKw() > hosting + 1e-6) {
            throw ApiException.badInput("status", String.format(Locale.ROOT,
                    "site %d (%.2f kW) cannot be connected: transformer %d hosts %.2f kW and carries %.2f kW connected, %.2f kW free; it waits in the queue",
                    s.id(), s.capacityKw(), s.transformerId(), hosting, connected, Math.max(0, hosting - connected)));
        }
    }

    // ------------------------------------------------------------------------------------------------ assumptions

    /** setPvAssumptions: a county's estimate assumptions and hosting rule; candidates' capacity follows the W/m². */
    @Transactional
    void setAssumptions(String county, PvInputs.Assumptions in, Integer expectedVersion) {
        Viewer v = Access.requireStaffIn(county, "setPvAssumptions");
        if (in == null) {
            throw ApiException.badInput("input", "give the assumptions");
        }
        List<Integer> versions = jdbc.queryForList("SELECT version FROM pv_county_assumption WHERE county_code = :c FOR UPDATE", Map.of("c", county), Integer.class);
        if (!versions.isEmpty() && (expectedVersion == null || versions.get(0) != expectedVersion.intValue())) {
            throw ApiException.badInput("expectedVersion", "the assumptions of county " + county + " are at version " + versions.get(0)
                    + (expectedVersion == null ? "; give it" : ", you edited " + expectedVersion + "; reload and try again"));
        }
        if (versions.isEmpty() && (in.gridRegion() == null || in.annualHours() == null || in.benchmarkPrice() == null || in.retailPrice() == null)) {
            throw ApiException.badInput("input.gridRegion", "a county's first assumptions need gridRegion, annualHours, benchmarkPrice and retailPrice");
        }
        check(in.wattsPerM2(), 50, 300, "input.wattsPerM2");
        check(in.annualHours(), 500, 2500, "input.annualHours");
        check(in.hoursGainPer1000m(), 0, 0.5, "input.hoursGainPer1000m");
        check(in.benchmarkPrice(), 0.01, 1.99, "input.benchmarkPrice");
        check(in.retailPrice(), 0.01, 2.99, "input.retailPrice");
        check(in.selfUseShare(), 0, 1, "input.selfUseShare");
        check(in.investmentYuanPerKw(), 1, 100_000, "input.investmentYuanPerKw");
        check(in.collectiveShare(), 0, 1, "input.collectiveShare");
        check(in.hostingShare(), 0.001, 1, "input.hostingShare");
        check(in.dltBetaSingle(), 0.001, 1.5, "input.dltBetaSingle");
        check(in.dltLoadingLimit(), 0.001, 1.5, "input.dltLoadingLimit");
        check(in.dltCosPhi(), 0.001, 1, "input.dltCosPhi");
        check(in.dltTau(), 0.001, 1.5, "input.dltTau");
        String rule = in.hostingRule() == null ? null : switch (in.hostingRule()) {
            case "SHARE" -> "share";
            case "DLT2041" -> "dlt2041";
            default -> throw ApiException.badInput("input.hostingRule", "SHARE or DLT2041");
        };
        String assignment = in.assignmentRule() == null ? null : in.assignmentRule().toLowerCase(Locale.ROOT);
        MapSqlParameterSource p = new MapSqlParameterSource("c", county).addValue("region", in.gridRegion()).addValue("w", in.wattsPerM2())
                .addValue("h", in.annualHours()).addValue("ref", in.referenceAltitudeM()).addValue("gain", in.hoursGainPer1000m())
                .addValue("bench", in.benchmarkPrice()).addValue("verified", in.benchmarkVerified()).addValue("retail", in.retailPrice())
                .addValue("self", in.selfUseShare()).addValue("inv", in.investmentYuanPerKw()).addValue("coll", in.collectiveShare())
                .addValue("rule", rule).addValue("share", in.hostingShare()).addValue("beta", in.dltBetaSingle()).addValue("lim", in.dltLoadingLimit())
                .addValue("cos", in.dltCosPhi()).addValue("tau", in.dltTau()).addValue("assign", assignment).addValue("src", in.source())
                .addValue("by", v.username());
        if (versions.isEmpty()) {
            jdbc.update("""
                    INSERT INTO pv_county_assumption (county_code, grid_region, annual_hours, benchmark_price, retail_price, source, synthetic, updated_by)
                    VALUES (:c, :region, :h, :bench, :retail, coalesce(:src, 'set by ' || :by), false, :by)""", p);
        }
        jdbc.update("""
                UPDATE pv_county_assumption SET grid_region = coalesce(:region, grid_region), watts_per_m2 = coalesce(:w, watts_per_m2),
                    annual_hours = coalesce(:h, annual_hours), reference_altitude_m = coalesce(:ref, reference_altitude_m),
                    hours_gain_per_1000m = coalesce(:gain, hours_gain_per_1000m), benchmark_price = coalesce(:bench, benchmark_price),
                    benchmark_verified = coalesce(:verified, benchmark_verified), retail_price = coalesce(:retail, retail_price),
                    self_use_share = coalesce(:self, self_use_share), investment_yuan_per_kw = coalesce(:inv, investment_yuan_per_kw),
                    collective_share = coalesce(:coll, collective_share), hosting_rule = coalesce(:rule, hosting_rule),
                    hosting_share = coalesce(:share, hosting_share), dlt_beta_single = coalesce(:beta, dlt_beta_single),
                    dlt_loading_limit = coalesce(:lim, dlt_loading_limit), dlt_cos_phi = coalesce(:cos, dlt_cos_phi), dlt_tau = coalesce(:tau, dlt_tau),
                    assignment_rule = coalesce(:assign, assignment_rule), source = coalesce(:src, source),
                    version = version + (CASE WHEN :isNew THEN 0 ELSE 1 END), updated_at = now(), updated_by = :by
                WHERE county_code = :c""", p.addValue("isNew", versions.isEmpty()));
        // Candidates are estimates: their capacity follows the W/m² (a survey sets its own; a filing keeps what was filed).
        jdbc.update("""
                UPDATE pv_site s SET capacity_kw = s.usable_area_m2 * a.watts_per_m2 / 1000, annual_hours = a.annual_hours
                FROM pv_county_assumption a WHERE a.county_code = s.county_code AND s.county_code = :c AND s.status = 'candidate'""", Map.of("c", county));
        // Hosting capacity may have changed: the county's transformers are drawn anew.
        jdbc.update("UPDATE distribution_transformer SET version = version WHERE county_code = :c", Map.of("c", county));
        audit.record("setPvAssumptions", "pv_county_assumption", county, county, Map.of("version", versions.isEmpty() ? -1 : versions.get(0)), in);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Locks the site (FOR UPDATE), checks the viewer's county and the version the officer edited. */
    Locked lock(Object rawId, String action, Integer expectedVersion) {
        Viewer v = Access.requireStaff(action);
        if (expectedVersion == null) {
            throw ApiException.badInput("expectedVersion", "give the version you edited (the site's version field), so a change made meanwhile is not overwritten");
        }
        long id = Ids.parse("id", rawId);
        List<Locked> rows = jdbc.query("""
                SELECT id, county_code, status, version, transformer_id, capacity_kw, filing_no,
                       EXISTS (SELECT 1 FROM pv_site_consent c WHERE c.site_id = s.id) FROM pv_site s WHERE id = :id FOR UPDATE""",
                Map.of("id", id), (rs, i) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getObject(5) == null ? null : rs.getLong(5), rs.getDouble(6), rs.getString(7), rs.getBoolean(8)));
        if (rows.isEmpty()) {
            throw ApiException.notFound("id", "no PV site with id " + id);
        }
        Locked s = rows.get(0);
        if (!v.isStaffIn(s.county())) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "id", "site " + s.id() + " is in county " + s.county()
                    + ", outside the counties of account " + v.username() + "; nothing was changed");
        }
        if (s.version() != expectedVersion) {
            throw ApiException.staleVersion("expectedVersion", "site " + s.id(), s.version(), expectedVersion);
        }
        return s;
    }

    private void bump(long id, String by) {
        jdbc.update("UPDATE pv_site SET version = version + 1, updated_at = now(), updated_by = :by WHERE id = :id", Map.of("id", id, "by", by));
    }

    private void history(long id, String from, String to, String by, String reason) {
        jdbc.update("""
                INSERT INTO pv_site_status_history (site_id, from_status, to_status, changed_at, changed_by, reason)
                VALUES (:id, :from, :to, clock_timestamp(), :by, :reason)""",
                new MapSqlParameterSource("id", id).addValue("from", from).addValue("to", to).addValue("by", by).addValue("reason", reason));
    }

    private static void check(Double value, double min, double max, String argument) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw ApiException.badInput(argument, "between " + min + " and " + max + ", got " + value);
        }
    }
}
