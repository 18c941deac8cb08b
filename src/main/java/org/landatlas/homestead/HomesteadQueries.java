package org.landatlas.homestead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.parcel.ParcelQueries;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.region.TourismAnchors;
import org.landatlas.security.Access;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Homesteads, houses and revitalizations; the owning household's identity is never read here. */
@Component
class HomesteadQueries {

    /** The worst condition of a homestead's houses ({@code homestead t}), null without houses. */
    static final String WORST_CONDITION = "(SELECT r.condition FROM rural_house r WHERE r.homestead_id = t.id"
            + " ORDER BY array_position(ARRAY['dangerous', 'poor', 'fair', 'good'], r.condition), r.id LIMIT 1)";

    static final Projection HOMESTEAD = new Projection("Homestead", "homestead", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .scalar("certificateNo", "t.certificate_no")
            .key("countyCode", "t.county_code")
            .scalar("siteAreaM2", "t.site_area_m2")
            .scalar("approvedAreaM2", "t.approved_area_m2")
            .scalar("occupancy", "upper(t.occupancy)")
            .scalar("idleSince", "t.idle_since")
            .scalar("idleYears", "round(((current_date - t.idle_since) / 365.25)::numeric, 1)")
            .scalar("surveyedOn", "t.surveyed_on")
            .scalar("revitalizationStatus", "upper(t.revitalization_status)")
            .scalar("version", "t.version")
            .scalar("idleEvidence", "upper(t.idle_evidence)")
            .scalar("revitalizedOn", "t.revitalized_on")
            .scalar("consentOn", "t.consent_on")
            .scalar("condition", "upper(" + WORST_CONDITION + ")")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection HOUSE = new Projection("RuralHouse", "rural_house", "t.id")
            .key("id", "t.id")
            .key("owner", "t.homestead_id")
            .scalar("floorAreaM2", "t.floor_area_m2")
            .scalar("floors", "t.floors")
            .scalar("structure", "t.structure")
            .scalar("builtYear", "t.built_year")
            .scalar("condition", "t.condition")
            .scalar("safetyGrade", "t.safety_grade")
            .scalar("safetyCheckedOn", "t.safety_checked_on")
            .geometry("footprint", "t.footprint");

    /** Uses that receive visitors (民宿, 餐饮, 文化体验, 养老): a dangerous house must not serve them (DANGEROUS_IN_USE). */
    static final List<String> VISITOR_USES = List.of("homestay", "catering", "culture", "elderly_care");

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;
    private final ParcelQueries parcels;
    private final TourismAnchors anchors;

    HomesteadQueries(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units, ParcelQueries parcels, TourismAnchors anchors) {
        this.jdbc = jdbc;
        this.units = units;
        this.parcels = parcels;
        this.anchors = anchors;
    }

    /** The rows of the homesteads query (and its export): what the viewer may see, then the filter. */
    SqlWhere homesteadsWhere(HomesteadFilter f, Viewer viewer) {
        SqlWhere w = new SqlWhere();
        HomesteadPublicRows.HOMESTEADS.restrict(w, viewer);
        if (f != null) {
            f.restrict(w, "filter", units);
        }
        return w;
    }

    /**
     * The SELECT of the homesteads export over {@code w} (from {@link #homesteadsWhere}): the homestead's fields and
     * its household as {@link #households} gives it — only in the viewer's counties, head name, ID number and phone
     * masked in SQL unless the viewer has the personal-data permission. Names fit a Shapefile's .dbf.
     */
    String exportSelect(SqlWhere w, Viewer viewer) {
        String staff = Masking.staffSql(viewer, "t.county_code", w);
        return "SELECT t.id AS \"ID\", t.certificate_no AS \"CERT_NO\", t.county_code AS \"COUNTY\", t.village_code AS \"VILLAGE\","
                + " t.site_area_m2 AS \"SITE_M2\", t.approved_area_m2 AS \"APPR_M2\", upper(t.occupancy) AS \"OCCUPANCY\", t.idle_since AS \"IDLE_SINCE\","
                + " round(((current_date - t.idle_since) / 365.25)::numeric, 1)::float8 AS \"IDLE_YEARS\", t.surveyed_on AS \"SURVEYED\","
                + " upper(t.revitalization_status) AS \"REVITAL\","
                + " CASE WHEN " + staff + " THEN h.household_no END AS \"HH_NO\", CASE WHEN " + staff + " THEN h.members::int END AS \"HH_MEMBERS\","
                + " " + Masking.sql(viewer, Masking.Kind.NAME, "i.head_name", "t.county_code", w) + " AS \"HEAD_NAME\","
                + " " + Masking.sql(viewer, Masking.Kind.ID_NUMBER, "i.id_number", "t.county_code", w) + " AS \"HH_IDNO\","
                + " " + Masking.sql(viewer, Masking.Kind.PHONE, "i.phone", "t.county_code", w) + " AS \"HH_PHONE\","
                + " CASE WHEN h.id IS NOT NULL THEN " + Masking.maskedSql(viewer, "t.county_code", w) + " END AS \"PD_MASKED\","
                + " t.synthetic AS \"SYNTHETIC\", t.geom"
                + " FROM homestead t LEFT JOIN household h ON h.id = t.household_id LEFT JOIN personal.household_identity i ON i.household_id = h.id"
                + " WHERE " + w.sql() + " ORDER BY t.id";
    }

    Object homesteads(HomesteadFilter f, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = homesteadsWhere(f, Viewer.current());
        return Connections.fetch(jdbc, HOMESTEAD, "homestead t", w, "t.id", page, selection);
    }

    List<List<Map<String, Object>>> houses(List<Long> homesteadIds) {
        Map<Long, List<Map<String, Object>>> byOwner = new HashMap<>();
        for (Map<String, Object> row : jdbc.query("SELECT " + HOUSE.selectList(null, "") + " FROM rural_house t WHERE t.homestead_id IN (:ids) ORDER BY t.id",
                Map.of("ids", homesteadIds), SqlRows.ROWS)) {
            byOwner.computeIfAbsent(((Number) row.get("owner")).longValue(), k -> new ArrayList<>()).add(row);
        }
        return homesteadIds.stream().map(id -> byOwner.getOrDefault(id, List.of())).toList();
    }

    List<List<Map<String, Object>>> revitalizations(List<Long> homesteadIds) {
        Map<Long, List<Map<String, Object>>> byOwner = new HashMap<>();
        for (Map<String, Object> row : jdbc.query("""
                SELECT homestead_id AS "owner", id AS "id", mode AS "mode", counterparty_kind AS "counterpartyKind",
                       counterparty_name AS "counterpartyName", new_use AS "newUse", term_start AS "termStart", term_end AS "termEnd",
                       annual_rent_yuan AS "annualRentYuan", investment_wan_yuan AS "investmentWanYuan", status AS "status",
                       income_household_yuan AS "incomeHouseholdYuan", income_collective_yuan AS "incomeCollectiveYuan", use_description AS "useDescription"
                FROM homestead_revitalization WHERE homestead_id IN (:ids) ORDER BY id""", Map.of("ids", homesteadIds), SqlRows.ROWS)) {
            byOwner.computeIfAbsent(((Number) row.get("owner")).longValue(), k -> new ArrayList<>()).add(row);
        }
        return homesteadIds.stream().map(id -> byOwner.getOrDefault(id, List.of())).toList();
    }

    /**
     * The household of each homestead, for staff of the homestead's county only (null otherwise); head name, ID
     * number and phone masked unless the viewer has the personal-data permission there.
     */
    List<Map<String, Object>> households(List<Map<String, Object>> homesteads) {
        Viewer v = Viewer.current();
        Map<Long, String> county = Access.staffRows(v, homesteads);
        Map<Long, Map<String, Object>> byHomestead = new HashMap<>();
        if (!county.isEmpty()) {
            jdbc.query("""
                    SELECT s.id AS homestead, h.id AS household, h.household_no, h.members, i.head_name, i.id_number, i.phone
                    FROM homestead s JOIN household h ON h.id = s.household_id JOIN personal.household_identity i ON i.household_id = h.id
                    WHERE s.id IN (:ids)""", Map.of("ids", county.keySet()), rs -> {
                long id = rs.getLong("homestead");
                Map<String, Object> m = Masking.person(v, county.get(id), "headName", rs.getString("head_name"), rs.getString("id_number"), rs.getString("phone"));
                m.put("id", rs.getString("household"));
                m.put("householdNo", rs.getString("household_no"));
                m.put("members", rs.getInt("members"));
                byHomestead.put(id, m);
            });
        }
        List<Map<String, Object>> out = new ArrayList<>(homesteads.size());
        homesteads.forEach(h -> out.add(byHomestead.get(((Number) h.get("id")).longValue())));
        return out;
    }

    /** The status history of each homestead (oldest first): staff of the homestead's county only, empty for others. */
    List<List<Map<String, Object>>> statusHistory(List<Map<String, Object>> homesteads) {
        Map<Long, String> county = Access.staffRows(Viewer.current(), homesteads);
        Map<Long, List<Map<String, Object>>> byOwner = new HashMap<>();
        if (!county.isEmpty()) {
            for (Map<String, Object> row : jdbc.query("""
                    SELECT homestead_id AS "owner", from_status AS "fromStatus", to_status AS "toStatus", changed_at AS "changedAt",
                           changed_by AS "changedBy", reason AS "reason"
                    FROM homestead_status_history WHERE homestead_id IN (:ids) ORDER BY changed_at, id""", Map.of("ids", county.keySet()), SqlRows.ROWS)) {
                byOwner.computeIfAbsent(((Number) row.get("owner")).longValue(), k -> new ArrayList<>()).add(row);
            }
        }
        return homesteads.stream().map(h -> byOwner.getOrDefault(((Number) h.get("id")).longValue(), List.of())).toList();
    }

    /**
     * The safety checks of each homestead's houses, newest first (by the day checked, then as recorded). Who checked,
     * the findings and the document are for staff of the homestead's county (findings may name people); others get
     * the day, house, condition, grade and structure.
     */
    List<List<Map<String, Object>>> safetyChecks(List<Map<String, Object>> homesteads) {
        Map<Long, String> county = Access.staffRows(Viewer.current(), homesteads);
        Map<Long, List<Map<String, Object>>> byOwner = new HashMap<>();
        for (Map<String, Object> row : jdbc.query("""
                SELECT homestead_id AS "owner", id AS "id", house_id AS "houseId", checked_on AS "checkedOn", upper(condition) AS "condition",
                       safety_grade AS "safetyGrade", structure AS "structure", findings AS "findings", document_ref AS "documentRef",
                       upper(occupancy) AS "occupancy", upper(idle_evidence) AS "idleEvidence", checked_by AS "checkedBy", recorded_at AS "recordedAt"
                FROM homestead_safety_check WHERE homestead_id IN (:ids) ORDER BY homestead_id, checked_on DESC, id DESC""",
                Map.of("ids", homesteads.stream().map(h -> ((Number) h.get("id")).longValue()).toList()), SqlRows.ROWS)) {
            long owner = ((Number) row.get("owner")).longValue();
            if (!county.containsKey(owner)) {
                row.put("findings", null);
                row.put("documentRef", null);
                row.put("checkedBy", null);
                row.put("idleEvidence", null);
            }
            byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(row);
        }
        return homesteads.stream().map(h -> byOwner.getOrDefault(((Number) h.get("id")).longValue(), List.of())).toList();
    }

    /** The county of an administrative code given to a staff query, checked. */
    private String staffCounty(String adminCode, String what) {
        AdminUnitQueries.requireCode("adminCode", adminCode);
        units.requireExisting("adminCode", adminCode);
        String county = adminCode.substring(0, 6);
        Access.requireStaffIn(county, what);
        return county;
    }

    /**
     * Homesteads breaking a rule in a county, township or village (staff of the county): a household holding more
     * than one homestead in the county (一户一宅), a plot beyond its approved area, a house on cropland or
     * permanent basic farmland (乱占耕地建房, the land class and protection as the parcel feature gives them).
     */
    List<Map<String, Object>> flags(String adminCode, List<String> kinds) {
        String county = staffCounty(adminCode, "homesteadFlags");
        java.util.Set<String> want = kinds == null || kinds.isEmpty()
                ? java.util.Set.of("MULTIPLE_HOMESTEADS", "OVER_APPROVED_AREA", "HOUSE_ON_CROPLAND", "HOUSE_ON_PERMANENT_BASIC_FARMLAND", "DANGEROUS_IN_USE")
                : new java.util.HashSet<>(kinds);
        SqlWhere w = new SqlWhere();
        w.and("t.county_code = " + w.param(county));
        units.restrict(w, adminCode, "adminCode", "t.village_code");
        List<Object[]> found = new ArrayList<>();
        if (want.contains("MULTIPLE_HOMESTEADS")) {
            jdbc.query("""
                    WITH c AS (SELECT id, household_id, count(*) OVER (PARTITION BY household_id) AS n,
                                      array_agg(id) OVER (PARTITION BY household_id) AS ids
                               FROM homestead WHERE county_code = :c AND household_id IS NOT NULL)
                    SELECT t.id, c.n, array_to_string(c.ids, ', ') FROM homestead t JOIN c ON c.id = t.id WHERE c.n > 1 AND %s ORDER BY t.id"""
                    .formatted(w.sql()), w.params().addValue("c", county), rs -> {
                found.add(new Object[] {"MULTIPLE_HOMESTEADS", rs.getLong(1), "一户多宅: the household holds " + rs.getInt(2)
                        + " homesteads in the county (ids " + rs.getString(3) + ")", null});
            });
        }
        if (want.contains("OVER_APPROVED_AREA")) {
            jdbc.query("SELECT t.id, t.site_area_m2, t.approved_area_m2 FROM homestead t WHERE t.site_area_m2 > t.approved_area_m2 + 0.01 AND "
                    + w.sql() + " ORDER BY t.id", w.params(), rs -> {
                found.add(new Object[] {"OVER_APPROVED_AREA", rs.getLong(1), String.format("超标占地: plot %.1f m², approved %.1f m²",
                        rs.getDouble(2), rs.getDouble(3)), null});
            });
        }
        if (want.contains("HOUSE_ON_CROPLAND") || want.contains("HOUSE_ON_PERMANENT_BASIC_FARMLAND")) {
            for (ParcelQueries.FarmlandOverlap o : parcels.farmlandUnder(
                    "SELECT t.id AS key, r.footprint AS geom FROM rural_house r JOIN homestead t ON t.id = r.homestead_id WHERE " + w.sql(),
                    w.params().getValues(), 1.0)) {
                if (o.cropland() && want.contains("HOUSE_ON_CROPLAND")) {
                    found.add(new Object[] {"HOUSE_ON_CROPLAND", o.key(), String.format("乱占耕地建房: a house covers %.1f m² of cropland parcel %d (%s)",
                            o.overlapM2(), o.parcelId(), o.dlbm()), o.parcelId()});
                }
                if (o.permanentBasicFarmland() && want.contains("HOUSE_ON_PERMANENT_BASIC_FARMLAND")) {
                    found.add(new Object[] {"HOUSE_ON_PERMANENT_BASIC_FARMLAND", o.key(), String.format(
                            "占用永久基本农田: a house covers %.1f m² of permanent basic farmland parcel %d", o.overlapM2(), o.parcelId()), o.parcelId()});
                }
            }
        }
        if (want.contains("DANGEROUS_IN_USE")) {
            // A dangerous house on a homestead offered for, negotiated for or put to a use that receives visitors.
            jdbc.query("""
                    SELECT t.id, t.revitalization_status, a.new_use, d.id, d.safety_grade, d.safety_checked_on
                    FROM homestead t
                    JOIN LATERAL (SELECT r.id, r.safety_grade, r.safety_checked_on FROM rural_house r WHERE r.homestead_id = t.id AND r.condition = 'dangerous'
                                  ORDER BY r.safety_checked_on DESC NULLS LAST, r.id LIMIT 1) d ON true
                    LEFT JOIN LATERAL (SELECT v.new_use FROM homestead_revitalization v WHERE v.homestead_id = t.id AND v.status IN ('proposed', 'approved', 'active')
                                       ORDER BY v.id DESC LIMIT 1) a ON true
                    WHERE t.revitalization_status IN ('listed', 'negotiating', 'revitalized')
                      AND (a.new_use IN (:uses) OR (a.new_use IS NULL AND t.revitalization_status = 'listed')) AND %s ORDER BY t.id"""
                    .formatted(w.sql()), w.params().addValue("uses", VISITOR_USES), rs -> {
                String status = rs.getString(2).toUpperCase(java.util.Locale.ROOT);
                String use = rs.getString(3);
                found.add(new Object[] {"DANGEROUS_IN_USE", rs.getLong(1), "危房在用: house " + rs.getLong(4) + " is dangerous (grade " + rs.getString(5)
                        + ", checked " + rs.getDate(6) + ") while the homestead is " + status
                        + (use == null ? " (offered to the public)" : " for " + use.toUpperCase(java.util.Locale.ROOT)) + "; visitors must not use it", null});
            });
        }
        List<Map<String, Object>> nodes = Connections.byIds(jdbc, HOMESTEAD, "homestead", found.stream().map(f -> (Long) f[1]).toList());
        List<Map<String, Object>> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("kind", found.get(i)[0]);
            m.put("homestead", nodes.get(i));
            m.put("detail", found.get(i)[2]);
            m.put("parcelId", found.get(i)[3] == null ? null : String.valueOf(found.get(i)[3]));
            out.add(m);
        }
        return out;
    }

    /**
     * Idle houses for tourism use: homesteads idle or abandoned, still available (idle, surveyed, listed), whose
     * worst house is in one of {@code conditions} (good or fair by default), within {@code withinKm} of a scenic spot
     * or a main road (region's anchors), grouped by village, nearest first. The public sees listed ones only.
     */
    List<Map<String, Object>> forTourism(String adminCode, double withinKm, List<String> anchorKinds, List<String> conditions) {
        AdminUnitQueries.requireCode("adminCode", adminCode);
        units.requireExisting("adminCode", adminCode);
        if (!(withinKm > 0) || withinKm > 50) {
            throw ApiException.badInput("withinKm", "give a radius above 0 and at most 50 km, got " + withinKm);
        }
        boolean scenic = anchorKinds == null || anchorKinds.isEmpty() || anchorKinds.contains("SCENIC_SPOT");
        boolean road = anchorKinds == null || anchorKinds.isEmpty() || anchorKinds.contains("MAIN_ROAD");
        List<String> cond = conditions == null || conditions.isEmpty() ? List.of("good", "fair") : conditions.stream().map(String::toLowerCase).toList();
        if (cond.contains("dangerous")) {
            throw ApiException.badInput("conditions", "a dangerous house (危房, safety grade C or D) is never offered for tourism use; give GOOD, FAIR or POOR");
        }
        String county = adminCode.substring(0, 6);
        SqlWhere w = new SqlWhere();
        HomesteadPublicRows.HOMESTEADS.restrict(w, Viewer.current());
        w.and("t.county_code = " + w.param(county));
        units.restrict(w, adminCode, "adminCode", "t.village_code");
        w.and("t.occupancy IN ('idle', 'abandoned') AND t.revitalization_status IN ('idle', 'surveyed', 'listed')");
        w.and(WORST_CONDITION + " IN (" + w.param(cond) + ")");
        Map<Long, TourismAnchors.Nearest> near = anchors.within(county,
                "SELECT t.id AS key, ST_PointOnSurface(t.geom) AS geom FROM homestead t WHERE " + w.sql(), w.params().getValues(), withinKm * 1000);
        List<Long> ids = near.values().stream().filter(n -> (scenic && n.scenicSpotM() != null) || (road && n.mainRoadM() != null))
                .map(TourismAnchors.Nearest::key).toList();
        List<Map<String, Object>> nodes = Connections.byIds(jdbc, HOMESTEAD, "homestead", ids);
        Map<String, List<Map<String, Object>>> byVillage = new java.util.TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            TourismAnchors.Nearest n = near.get(ids.get(i));
            Map<String, Object> h = nodes.get(i);
            Map<String, Object> m = new HashMap<>();
            m.put("homestead", h);
            m.put("condition", h.get("condition"));
            m.put("scenicSpotName", scenic ? n.scenicSpotName() : null);
            m.put("scenicSpotM", scenic ? n.scenicSpotM() : null);
            m.put("mainRoadM", road ? n.mainRoadM() : null);
            double best = Math.min(scenic && n.scenicSpotM() != null ? n.scenicSpotM() : Double.MAX_VALUE,
                    road && n.mainRoadM() != null ? n.mainRoadM() : Double.MAX_VALUE);
            m.put("_best", best);
            byVillage.computeIfAbsent((String) h.get("villageCode"), k -> new ArrayList<>()).add(m);
        }
        List<Map<String, Object>> villages = units.byCodes(new ArrayList<>(byVillage.keySet()));
        List<Map<String, Object>> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Map<String, Object>>> e : byVillage.entrySet()) {
            List<Map<String, Object>> list = e.getValue();
            list.sort(java.util.Comparator.comparingDouble(m -> (Double) m.get("_best")));
            list.forEach(m -> m.remove("_best"));
            Map<String, Object> v = new HashMap<>();
            v.put("village", villages.get(i++));
            v.put("count", list.size());
            v.put("homesteads", list);
            out.add(v);
        }
        out.sort(java.util.Comparator.comparingInt((Map<String, Object> v) -> -(Integer) v.get("count")));
        return out;
    }

    Map<String, Object> homestead(long id) {
        List<Map<String, Object>> rows = jdbc.query("SELECT " + HOMESTEAD.selectList(null, "") + " FROM homestead t WHERE t.id = :id",
                Map.of("id", id), SqlRows.ROWS);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
