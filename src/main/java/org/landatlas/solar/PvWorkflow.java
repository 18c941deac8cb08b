package org.landatlas.solar;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.Ids;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.AuditLog;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The work on PV sites: a candidate drawn on the map (or deleted while still a candidate), survey, the household's consent, assignment to a transformer, and the status changes
 * candidate → surveyed → filed → built → connected, or rejected with a reason. Every change locks the site row and
 * compares the version the officer edited; every status change is kept in pv_site_status_history and every change
 * in the audit log. Connecting locks the transformer row first, so two connections against the last free kW are
 * serialised and the second sees the first: a transformer never carries more connected PV than it hosts, and a site
 * is connected only within capacity in filing order (an earlier filing that does not fit is not jumped).
 */
@Component
class PvWorkflow {

    private final NamedParameterJdbcTemplate jdbc;
    private final AuditLog audit;
    private final AdminUnitQueries units;

    PvWorkflow(NamedParameterJdbcTemplate jdbc, AuditLog audit, AdminUnitQueries units) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.units = units;
    }

    /** The site kinds, roof types, grid modes and owner types of pv_site's CHECK constraints. */
    static final List<String> SITE_KINDS = List.of("homestead_roof", "yard", "livestock_shed", "greenhouse", "other_roof");
    static final List<String> ROOF_TYPES = List.of("concrete_flat", "color_steel", "tile", "film", "ground");
    static final List<String> GRID_MODES = List.of("full_export", "self_use_surplus_export", "full_self_use");
    static final List<String> OWNER_TYPES = List.of("natural_person", "non_natural_person");
    /** Roof outlines below or above these areas (m², on the ellipsoid) are refused as drawing mistakes. */
    static final double MIN_ROOF_M2 = 5;
    static final double MAX_ROOF_M2 = 50_000;
    /** An outline covering more than this share of an open site's outline (or of its own) is a duplicate. */
    static final double DUPLICATE_SHARE = 0.5;

    // ------------------------------------------------------------------------------------------------ create

    /**
     * createPvSite: a candidate drawn on the map by staff of its county. The roof area is measured on the ellipsoid
     * (ST_Area of the geography, never Web Mercator); usable = roof × share; kWp = usable × the county's W/m² / 1000
     * (pv_site_estimate's rule); the village is the region's; the transformer follows the county's assignment rule.
     * Answers the new site's id.
     */
    @Transactional
    long create(PvInputs.NewSite in) {
        Viewer v = Access.requireStaff("createPvSite");
        if (in == null) {
            throw ApiException.badInput("input", "give the site: siteKind, outline, usableShare, gridMode");
        }
        String kind = enumValue(in.siteKind(), SITE_KINDS, "input.siteKind", true);
        String roofType = enumValue(in.roofType(), ROOF_TYPES, "input.roofType", false);
        String gridMode = enumValue(in.gridMode(), GRID_MODES, "input.gridMode", true);
        String ownerType = in.ownerType() == null ? "natural_person" : enumValue(in.ownerType(), OWNER_TYPES, "input.ownerType", true);
        if (in.usableShare() == null || in.usableShare().isNaN() || in.usableShare() <= 0 || in.usableShare() > 1) {
            throw ApiException.badInput("input.usableShare", "a share of the roof above 0 and at most 1, got " + in.usableShare());
        }
        check(in.tiltDeg(), 0, 90, "input.tiltDeg");
        if (in.azimuthDeg() != null && (in.azimuthDeg().isNaN() || in.azimuthDeg() < 0 || in.azimuthDeg() >= 360)) {
            throw ApiException.badInput("input.azimuthDeg", "degrees from north, 0 ≤ azimuth < 360 (south 180), got " + in.azimuthDeg());
        }
        check(in.altitudeM(), -500, 9000, "input.altitudeM");
        Geometry g = in.outline();
        if (g == null) {
            throw ApiException.badInput("input.outline", "draw the roof outline (a GeoJSON Polygon in EPSG:4490 lon/lat)");
        }
        if (!(g instanceof Polygon) || g.isEmpty()) {
            throw ApiException.badInput("input.outline", "one roof outline as a GeoJSON Polygon, got " + (g.isEmpty() ? "an empty geometry" : "a " + g.getGeometryType()));
        }
        byte[] ewkb = new WKBWriter(2, true).write(g);
        Map<String, Object> shape = jdbc.queryForMap("""
                SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, CASE WHEN ST_IsValid(g) THEN ST_Area(g::geography) END AS m2
                FROM (SELECT ST_GeomFromEWKB(:g) AS g) x""", Map.of("g", ewkb));
        if (!Boolean.TRUE.equals(shape.get("valid"))) {
            throw ApiException.badInput("input.outline", "not a valid polygon (self-intersecting or degenerate): " + shape.get("reason"));
        }
        // The county: the one given, else the one the outline lies in.
        String county = in.countyCode();
        if (county != null) {
            units.requireExisting("input.countyCode", county);
            if (county.length() != 6) {
                throw ApiException.badInput("input.countyCode", county + " is not a county code (6 digits)");
            }
        } else {
            county = units.unitAt("county", null, ewkb);
            if (county == null) {
                throw ApiException.badInput("input.outline", "lies in no county of the atlas" + swapped(g, null) + "; draw it on the map within a county");
            }
        }
        if (!v.isStaffIn(county)) {
            throw new ApiException(ApiException.Code.FORBIDDEN, "input.countyCode", "county " + county + " is outside the counties of account "
                    + v.username() + "; nothing was created");
        }
        if (!units.covers(county, ewkb)) {
            throw ApiException.badInput("input.outline", "lies (partly) outside county " + county + swapped(g, county));
        }
        double roof = ((Number) shape.get("m2")).doubleValue();
        if (roof < MIN_ROOF_M2 || roof > MAX_ROOF_M2) {
            throw ApiException.badInput("input.outline", String.format(Locale.ROOT, "a roof of %.1f m² on the ellipsoid: outlines of %.0f to %.0f m² are accepted "
                    + "(smaller is a slip of the pen, larger is no household roof)", roof, MIN_ROOF_M2, MAX_ROOF_M2));
        }
        List<Map<String, Object>> dup = jdbc.queryForList("""
                WITH n AS (SELECT ST_GeomFromEWKB(:g) AS g)
                SELECT s.id, coalesce(ST_Area(ST_Intersection(s.geom, n.g)::geography) / NULLIF(least(ST_Area(s.geom::geography), :m2), 0), 1) AS share
                FROM pv_site s, n WHERE s.geom && n.g AND ST_Intersects(s.geom, n.g) AND s.status <> 'rejected'
                ORDER BY 2 DESC LIMIT 1""", new MapSqlParameterSource("g", ewkb).addValue("m2", roof));
        if (!dup.isEmpty() && ((Number) dup.get(0).get("share")).doubleValue() > DUPLICATE_SHARE) {
            throw ApiException.badInput("input.outline", String.format(Locale.ROOT, "overlaps PV site %s by %.0f %% of the smaller outline: a duplicate "
                    + "(reject or delete that site first, or draw this roof's own outline)", dup.get(0).get("id"), 100 * ((Number) dup.get(0).get("share")).doubleValue()));
        }
        String village = units.unitAt("village", county, ewkb);
        if (village == null) {
            throw ApiException.badInput("input.outline", "lies in no village of county " + county);
        }
        Map<String, Object> a = jdbc.queryForMap("""
                SELECT coalesce((SELECT watts_per_m2 FROM pv_county_assumption WHERE county_code = :c), 150) AS w,
                       coalesce((SELECT annual_hours FROM pv_county_assumption WHERE county_code = :c), 1100) AS h""", Map.of("c", county));
        double usable = roof * in.usableShare();
        double capacity = usable * ((Number) a.get("w")).doubleValue() / 1000;
        if (capacity > 6000) {
            throw ApiException.badInput("input.usableShare", String.format(Locale.ROOT, "%.0f kWp is above 6 MW (非自然人户用 ≤ 6 MW): not household PV", capacity));
        }
        String by = v.username();
        MapSqlParameterSource p = new MapSqlParameterSource("c", county).addValue("village", village).addValue("kind", kind).addValue("roof", roofType)
                .addValue("roofM2", roof).addValue("usable", usable).addValue("kw", capacity).addValue("h", ((Number) a.get("h")).doubleValue())
                .addValue("mode", gridMode).addValue("owner", ownerType).addValue("tilt", in.tiltDeg()).addValue("az", in.azimuthDeg())
                .addValue("alt", in.altitudeM()).addValue("coll", Boolean.TRUE.equals(in.collectiveInvested())).addValue("by", by).addValue("g", ewkb);
        long id = jdbc.queryForObject("""
                INSERT INTO pv_site (county_code, village_code, site_kind, roof_type, roof_area_m2, usable_area_m2, capacity_kw, annual_hours, grid_mode,
                    owner_type, status, tilt_deg, azimuth_deg, altitude_m, collective_invested, synthetic, updated_by, geom)
                VALUES (:c, :village, :kind, :roof, :roofM2, :usable, :kw, :h, :mode, :owner, 'candidate', :tilt, :az, :alt, :coll, false, :by,
                    ST_GeomFromEWKB(:g))
                RETURNING id""", p, Long.class);
        Long transformer = null;
        Integer transformers = jdbc.queryForObject("SELECT count(*) FROM distribution_transformer WHERE county_code = :c", Map.of("c", county), Integer.class);
        if (transformers != null && transformers > 0) {
            transformer = assign(id, null, county);
        }
        history(county, id, null, PvSiteStatus.CANDIDATE, by, "新建 drawn on the map");
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", "CANDIDATE");
        after.put("siteKind", kind.toUpperCase(Locale.ROOT));
        after.put("villageCode", village);
        after.put("roofAreaM2", roof);
        after.put("usableAreaM2", usable);
        after.put("capacityKw", capacity);
        after.put("gridMode", gridMode.toUpperCase(Locale.ROOT));
        after.put("transformerId", transformer == null ? "" : transformer);
        audit.record("createPvSite", "pv_site", id, county, null, after);
        return id;
    }

    /** deletePvSite: a candidate created by mistake (never surveyed); its history goes with it, the audit log keeps the deletion. */
    @Transactional
    void delete(Object rawId, Integer expectedVersion) {
        Locked s = lock(rawId, "deletePvSite", expectedVersion);
        if (!PvSiteStatus.CANDIDATE.equals(s.status())) {
            throw ApiException.badInput("id", "site " + s.id() + " is " + s.status().toUpperCase(Locale.ROOT)
                    + "; only a CANDIDATE is deleted (a site with work on it is REJECTED with a reason instead)");
        }
        Map<String, Object> before = jdbc.queryForMap("""
                SELECT upper(site_kind) AS "siteKind", village_code AS "villageCode", roof_area_m2 AS "roofAreaM2", capacity_kw AS "capacityKw",
                       synthetic, version, ST_AsText(ST_PointOnSurface(geom)) AS "pointOnSurface" FROM pv_site WHERE id = :id""", Map.of("id", s.id()));
        jdbc.update("DELETE FROM pv_site WHERE id = :id", Map.of("id", s.id()));
        audit.record("deletePvSite", "pv_site", s.id(), s.county(), before, null);
    }

    /** A hint when the outline with its axes swapped (lat, lon) would lie in the county (or any county). */
    private String swapped(Geometry g, String county) {
        Geometry f = g.copy();
        f.apply((org.locationtech.jts.geom.CoordinateFilter) c -> {
            double x = c.x;
            c.x = c.y;
            c.y = x;
        });
        f.geometryChanged();
        byte[] flipped = new WKBWriter(2, true).write(f);
        boolean inside = county == null ? units.unitAt("county", null, flipped) != null : units.covers(county, flipped);
        return inside ? " — with longitude and latitude swapped it would: GeoJSON is [lon, lat]" : "";
    }

    private static String enumValue(String value, List<String> allowed, String argument, boolean required) {
        if (value == null) {
            if (required) {
                throw ApiException.badInput(argument, "give one of " + allowed.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList());
            }
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ApiException.badInput(argument, "one of " + allowed.stream().map(x -> x.toUpperCase(Locale.ROOT)).toList() + "; got " + value);
        }
        return v;
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
            history(s.county(), s.id(), s.status(), PvSiteStatus.SURVEYED, by, "踏勘 surveyed");
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
                INSERT INTO pv_site_consent (county_code, site_id, consent_on, signed_by, document_ref, recorded_by) VALUES (:county, :id, :on, :who, :doc, :by)
                ON CONFLICT (county_code, site_id) DO UPDATE SET consent_on = excluded.consent_on, signed_by = excluded.signed_by,
                    document_ref = excluded.document_ref, recorded_by = excluded.recorded_by, recorded_at = now()""",
                new MapSqlParameterSource("id", s.id()).addValue("county", s.county()).addValue("on", consentOn).addValue("who", signedBy.strip()).addValue("doc", documentRef)
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
        history(s.county(), s.id(), s.status(), to, by, why);
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
     * The connection guard: with the transformer row locked, the line and main transformer above must have open
     * capacity, the connected PV plus this site must fit the hosting capacity, and the site must be within capacity in
     * filing order (pv_site_queue.within_capacity: connected PV plus every earlier filing still waiting plus this one
     * fit), so a later filing never jumps an earlier one that does not fit — that one is connected, or rejected, first.
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
        List<Map<String, Object>> q = jdbc.queryForList("""
                SELECT filing_rank, queue_position, within_capacity, cumulative_kw FROM pv_site_queue WHERE transformer_id = :t AND site_id = :id""",
                Map.of("t", s.transformerId(), "id", s.id()));
        if (!q.isEmpty() && !Boolean.TRUE.equals(q.get(0).get("within_capacity"))) {
            Map<String, Object> r = q.get(0);
            double ahead = ((Number) r.get("cumulative_kw")).doubleValue() - s.capacityKw();
            long earlier = ((Number) r.get("filing_rank")).longValue() - 1;
            throw ApiException.badInput("status", String.format(Locale.ROOT,
                    "site %d (%.2f kW) cannot be connected out of filing order: it is number %s in the queue of transformer %d, behind %d earlier filing(s) "
                    + "of %.2f kW not yet connected; %.2f kW connected + %.2f kW ahead + %.2f kW exceed the %.2f kW it hosts (connect or reject the earlier ones first)",
                    s.id(), s.capacityKw(), r.get("queue_position"), s.transformerId(), earlier, ahead, connected, ahead, s.capacityKw(), hosting));
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

    private void history(String county, long id, String from, String to, String by, String reason) {
        jdbc.update("""
                INSERT INTO pv_site_status_history (county_code, site_id, from_status, to_status, changed_at, changed_by, reason)
                VALUES (:county, :id, :from, :to, clock_timestamp(), :by, :reason)""",
                new MapSqlParameterSource("id", id).addValue("county", county).addValue("from", from).addValue("to", to).addValue("by", by).addValue("reason", reason));
    }

    private static void check(Double value, double min, double max, String argument) {
        if (value != null && (value.isNaN() || value < min || value > max)) {
            throw ApiException.badInput(argument, "between " + min + " and " + max + ", got " + value);
        }
    }
}
