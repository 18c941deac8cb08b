package org.landatlas.parcel;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
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
            .scalar("areaMu", "t.area_m2 * 3 / 2000")
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
            .scalar("areaMu", "t.area_m2 * 3 / 2000")
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

    Object projects(Map<String, Object> filter, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        if (filter != null) {
            Object code = filter.get("adminCode");
            if (code != null) {
                String c = code.toString();
                units.requireExisting("filter.adminCode", c);
                if (c.length() == 6) {
                    w.equal(c, "t.county_code");
                } else if (c.length() == 9) {
                    w.equal(c, "t.township_code");
                } else {
                    throw ApiException.badInput("filter.adminCode", "projects are filed by county (6 digits) or township (9 digits)");
                }
            }
            w.bbox(filter.get("bbox"), "filter.bbox", "t.geom");
            w.in(filter.get("statuses"), "t.status", true);
            w.range(filter.get("year"), "filter.year", "t.project_year", 1949, 2100);
        }
        return Connections.fetch(jdbc, PROJECT, "high_standard_farmland_project t", w, "t.project_year DESC, t.id", page, selection);
    }

    Object zones(Map<String, Object> filter, PageRequest page, DataFetchingFieldSelectionSet selection) {
        SqlWhere w = new SqlWhere();
        if (filter != null) {
            Object county = filter.get("countyCode");
            if (county != null) {
                units.requireExisting("filter.countyCode", county.toString());
                w.equal(county.toString(), "t.county_code");
            }
            w.bbox(filter.get("bbox"), "filter.bbox", "t.geom");
            w.in(filter.get("zoneTypes"), "t.zone_type", true);
            if (filter.get("containsPoint") instanceof List<?> pt) {
                if (pt.size() != 2 || Math.abs(((Number) pt.get(0)).doubleValue()) > 180 || Math.abs(((Number) pt.get(1)).doubleValue()) > 90) {
                    throw ApiException.badInput("filter.containsPoint", "needs [longitude, latitude]");
                }
                String p = "ST_SetSRID(ST_MakePoint(" + w.param(((Number) pt.get(0)).doubleValue()) + ", " + w.param(((Number) pt.get(1)).doubleValue()) + "), 4490)";
                w.and("t.geom && " + p + " AND ST_Intersects(t.geom, " + p + ")");
            }
        }
        return Connections.fetch(jdbc, ZONE, "protection_zone t", w, "t.county_code, t.zone_type, t.id", page, selection);
    }
}
