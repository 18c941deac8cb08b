package org.landatlas.homestead;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.Connections;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Homesteads, houses and revitalizations; the owning household's identity is never read here. */
@Component
class HomesteadQueries {

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
            .geometry("footprint", "t.footprint");

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;

    HomesteadQueries(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units) {
        this.jdbc = jdbc;
        this.units = units;
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
                       annual_rent_yuan AS "annualRentYuan", investment_wan_yuan AS "investmentWanYuan", status AS "status"
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

    Map<String, Object> homestead(long id) {
        List<Map<String, Object>> rows = jdbc.query("SELECT " + HOMESTEAD.selectList(null, "") + " FROM homestead t WHERE t.id = :id",
                Map.of("id", id), SqlRows.ROWS);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
