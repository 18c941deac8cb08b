package org.landatlas.parcel;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Mu;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** High-standard farmland projects and protection overlays. */
@Component
class FarmlandProtectionQueries {

    static final Projection PROJECT = new Projection("HighStandardFarmlandProject", "high_standard_farmland_project", "t.id")
            .key("id", "t.id")
            .key("townshipCode", "t.township_code")
            .scalar("projectNo", "t.project_no")
            .scalar("name", "t.name")
            .scalar("countyCode", "t.county_code")
            .scalar("year", "t.project_year")
            .scalar("status", "upper(t.status)")
            .scalar("investmentWanYuan", "t.investment_wan_yuan")
            .scalar("plannedAreaMu", "t.planned_area_mu")
            .scalar("areaMu", Mu.fromM2Sql("t.area_m2"))
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    static final Projection ZONE = new Projection("ProtectionZone", "protection_zone", "t.id")
            .key("id", "t.id")
            .scalar("countyCode", "t.county_code")
            .scalar("zoneType", "upper(t.zone_type)")
            .scalar("name", "t.name")
            .scalar("designatedYear", "t.designated_year")
            .scalar("authority", "t.authority")
            .scalar("rules", "t.rules")
            .scalar("areaMu", Mu.fromM2Sql("t.area_m2"))
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom");

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;

    FarmlandProtectionQueries(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units) {
        this.jdbc = jdbc;
        this.units = units;
    }

    List<Map<String, Object>> projectsByIds(List<Long> ids) {
        return Connections.byIds(jdbc, PROJECT, "high_standard_farmland_project", ids);
    }

    /** The rows of the highStandardFarmlandProjects query (and its export). */
    SqlWhere projectsWhere(HighStandardFarmlandFilter filter) {
        SqlWhere w = new SqlWhere();
        if (filter != null) {
            filter.restrict(w, "filter", units);
        }
        return w;
    }

    /** The rows of the protectionZones query (and its export). */
    SqlWhere zonesWhere(ProtectionZoneFilter filter) {
        SqlWhere w = new SqlWhere();
        if (filter != null) {
            filter.restrict(w, "filter", units);
        }
        return w;
    }

    Object projects(HighStandardFarmlandFilter filter, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = projectsWhere(filter);
        return Connections.fetch(jdbc, PROJECT, "high_standard_farmland_project t", w, "t.project_year DESC, t.id", page, selection);
    }

    Object zones(ProtectionZoneFilter filter, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = zonesWhere(filter);
        return Connections.fetch(jdbc, ZONE, "protection_zone t", w, "t.county_code, t.zone_type, t.id", page, selection);
    }
}
