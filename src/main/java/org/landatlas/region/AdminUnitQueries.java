package org.landatlas.region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.AdminCodes;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Mu;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads administrative units with exactly the fields a query selects. Public: other features resolve units here. */
@Component
public class AdminUnitQueries {

    static final Projection UNIT = new Projection("AdminUnit", "admin_unit", "t.code")
            .key("code", "t.code")
            .key("parentCode", "t.parent_code")
            .scalar("name", "t.name")
            .scalar("level", "upper(t.level)")
            .scalar("kind", "t.kind")
            .scalar("province", "t.province_name")
            .scalar("city", "t.city_name")
            .scalar("population", "t.population")
            .scalar("households", "t.households")
            .scalar("areaM2", "t.area_m2")
            .scalar("areaMu", Mu.fromM2Sql("t.area_m2"))
            .scalar("areaHa", "t.area_m2 / 10000")
            .scalar("areaKm2", "t.area_m2 / 1e6")
            .scalar("bbox", "ARRAY[ST_XMin(t.boundary), ST_YMin(t.boundary), ST_XMax(t.boundary), ST_YMax(t.boundary)]")
            .scalar("srid", "ST_SRID(t.boundary)")
            .scalar("synthetic", "t.synthetic")
            .geometry("boundary", "t.boundary")
            .geometry("seat", "t.seat");

    private final NamedParameterJdbcTemplate jdbc;

    AdminUnitQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rows of the adminUnits query (and its export). */
    SqlWhere listWhere(String parentCode, String level, String nameContains, List<Double> bbox) {
        // The boundary intersecting the box, as every bbox filter of the API (the map's drawn-area export uses it).
        SqlWhere w = new SqlWhere().bbox(BBox.of(bbox, "bbox"), "t.boundary");
        if (parentCode != null) {
            requireCode("parentCode", parentCode);
            w.and("t.code LIKE " + w.param(parentCode + "%") + " AND t.code <> " + w.param(parentCode));
        }
        if (level != null) {
            w.and("t.level = " + w.param(level.toLowerCase(java.util.Locale.ROOT)));
        }
        if (nameContains != null && !nameContains.isBlank()) {
            if (nameContains.length() > 50) {
                throw ApiException.badInput("nameContains", "at most 50 characters");
            }
            w.and("t.name LIKE " + w.param("%" + nameContains.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%") + " ESCAPE '\\'");
        }
        return w;
    }

    List<Map<String, Object>> list(DataFetchingFieldSelectionSet selection, String parentCode, String level, String nameContains, List<Double> bbox) {
        SqlWhere w = listWhere(parentCode, level, nameContains, bbox);
        return jdbc.query("SELECT " + UNIT.selectList(selection, "") + " FROM admin_unit t WHERE " + w.sql() + " ORDER BY t.code LIMIT 5000",
                w.params(), SqlRows.ROWS);
    }

    Map<String, Object> one(DataFetchingFieldSelectionSet selection, String code) {
        requireCode("code", code);
        List<Map<String, Object>> rows = jdbc.query("SELECT " + UNIT.selectList(selection, "") + " FROM admin_unit t WHERE t.code = :code",
                Map.of("code", code), SqlRows.ROWS);
        if (rows.isEmpty()) {
            throw ApiException.notFound("code", "no administrative unit with code " + code);
        }
        return rows.get(0);
    }

    /** Units by code, in the order asked, with every scalar field; for batch loading from any feature. */
    public List<Map<String, Object>> byCodes(List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (Map<String, Object> row : jdbc.query("SELECT " + UNIT.selectList(null, "") + " FROM admin_unit t WHERE t.code IN (:codes)",
                Map.of("codes", codes), SqlRows.ROWS)) {
            found.put((String) row.get("code"), row);
        }
        List<Map<String, Object>> out = new ArrayList<>(codes.size());
        for (String c : codes) {
            out.add(found.get(c));
        }
        return out;
    }

    List<List<Map<String, Object>>> childrenOf(List<String> codes) {
        Map<String, List<Map<String, Object>>> byParent = new HashMap<>();
        for (Map<String, Object> row : jdbc.query("SELECT " + UNIT.selectList(null, "") + " FROM admin_unit t WHERE t.parent_code IN (:codes) ORDER BY t.code",
                Map.of("codes", codes), SqlRows.ROWS)) {
            byParent.computeIfAbsent((String) row.get("parentCode"), k -> new ArrayList<>()).add(row);
        }
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (String c : codes) {
            out.add(byParent.getOrDefault(c, List.of()));
        }
        return out;
    }

    private static final String SUMMARIES = """
                SELECT u.code AS "code",
                       count(p.id) AS "parcelCount",
                       coalesce(sum(p.area_mu), 0) AS "parcelAreaMu",
                       coalesce({netAreaMu}, 0) AS "netAreaMu",
                       coalesce({farmlandMu}, 0) AS "farmlandMu",
                       coalesce(sum(p.area_mu) FILTER (WHERE p.is_permanent_basic_farmland), 0) AS "permanentBasicFarmlandMu",
                       coalesce(sum(p.area_mu) FILTER (WHERE p.is_high_standard_farmland), 0) AS "highStandardFarmlandMu",
                       coalesce(sum(p.area_mu) FILTER (WHERE p.circulation_status = 'circulated'), 0) AS "circulatedMu",
                       coalesce(sum(p.area_mu) FILTER (WHERE p.circulation_status = 'listed'), 0) AS "listedMu",
                       (SELECT count(*) FROM admin_unit a WHERE a.level = 'township' AND a.parent_code = u.code) AS "townships",
                       (SELECT count(*) FROM admin_unit a WHERE a.level = 'village' AND a.code LIKE u.code || '%' AND a.code <> u.code) AS "villages"
                FROM unnest(CAST(:codes AS text[])) AS u(code)
                LEFT JOIN land_parcel p ON p.village_code BETWEEN rpad(u.code, 12, '0') AND rpad(u.code, 12, '9')
                GROUP BY u.code"""
            .replace("{netAreaMu}", Mu.fromM2Sql("sum(p.tbdlmj)"))
            .replace("{farmlandMu}", Mu.fromM2Sql("sum(p.tbdlmj) FILTER (WHERE p.dlbm LIKE '01%')"));

    /** Summary figures for many units at once: one statement per batch, whatever the number of units. */
    List<Map<String, Object>> summaries(List<String> codes) {
        Map<String, Map<String, Object>> byCode = new HashMap<>();
        for (Map<String, Object> row : jdbc.query(SUMMARIES, new MapSqlParameterSource("codes", codes.toArray(String[]::new)), SqlRows.ROWS)) {
            byCode.put((String) row.get("code"), row);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (String c : codes) {
            out.add(byCode.get(c));
        }
        return out;
    }

    /** Checks an administrative code's shape; {@link #requireExisting} also checks that it exists. */
    public static void requireCode(String argument, String code) {
        AdminCodes.requireShape(argument, code);
    }

    /** Restricts {@code where} to the unit {@code code} (any level) after checking that it exists; nothing when null. */
    public void restrict(org.landatlas.platform.SqlWhere where, String code, String argument, String villageColumn) {
        if (code != null) {
            requireExisting(argument, code);
            where.adminCode(code, villageColumn);
        }
    }

    public void requireExisting(String argument, String code) {
        requireCode(argument, code);
        Integer n = jdbc.queryForObject("SELECT count(*) FROM admin_unit WHERE code = :code", Map.of("code", code), Integer.class);
        if (n == null || n == 0) {
            throw ApiException.notFound(argument, "no administrative unit with code " + code);
        }
    }

    /** The 12-digit codes of a county's villages (for checks of imported data). */
    public List<String> villageCodes(String countyCode) {
        return jdbc.queryForList("SELECT code FROM admin_unit WHERE level = 'village' AND county_code = :c ORDER BY code", Map.of("c", countyCode), String.class);
    }

    public List<String> townshipCodes(String countyCode) {
        return jdbc.queryForList("SELECT code FROM admin_unit WHERE level = 'township' AND county_code = :c ORDER BY code", Map.of("c", countyCode), String.class);
    }

    /** A unit's boundary as WKB (EPSG:4490), after checking that it exists. */
    public byte[] boundaryWkb(String code) {
        requireExisting("county", code);
        return jdbc.queryForObject("SELECT ST_AsBinary(boundary) FROM admin_unit WHERE code = :code", Map.of("code", code), byte[].class);
    }

    /** The county's villages with their boundaries as hex WKB (EPSG:4490), in code order. */
    public VillageBoundaries villageBoundaries(String countyCode) {
        List<String> codes = new java.util.ArrayList<>();
        List<String> boundaries = new java.util.ArrayList<>();
        jdbc.query("SELECT code, encode(ST_AsBinary(boundary), 'hex') AS wkb FROM admin_unit WHERE level = 'village' AND county_code = :c ORDER BY code",
                Map.of("c", countyCode), rs -> {
                    codes.add(rs.getString(1));
                    boundaries.add(rs.getString(2));
                });
        return new VillageBoundaries(codes.toArray(String[]::new), boundaries.toArray(String[]::new));
    }

    /**
     * The code of the unit of a level ("county", "township" or "village") whose boundary contains a point on the surface
     * of a geometry (EWKB, EPSG:4490), inside the unit {@code withinCode} when given; null where no unit does.
     */
    public String unitAt(String level, String withinCode, byte[] ewkb) {
        MapSqlParameterSource p = new MapSqlParameterSource("level", level).addValue("g", ewkb);
        String within = "";
        if (withinCode != null) {
            within = " AND code LIKE :within";
            p.addValue("within", withinCode + "%");
        }
        List<String> codes = jdbc.queryForList("SELECT code FROM admin_unit WHERE level = :level" + within
                + " AND ST_Intersects(boundary, ST_PointOnSurface(ST_GeomFromEWKB(:g))) ORDER BY code LIMIT 1", p, String.class);
        return codes.isEmpty() ? null : codes.get(0);
    }

    /** True when the boundary of the unit {@code code} covers the geometry (EWKB, EPSG:4490) entirely. */
    public boolean covers(String code, byte[] ewkb) {
        Boolean b = jdbc.queryForObject("SELECT coalesce(bool_or(ST_CoveredBy(ST_GeomFromEWKB(:g), boundary)), false) FROM admin_unit WHERE code = :code",
                new MapSqlParameterSource("code", code).addValue("g", ewkb), Boolean.class);
        return Boolean.TRUE.equals(b);
    }

    /** Village codes and their boundaries (hex WKB), index by index: {@code unnest(:codes, :boundaries)} in SQL. */
    public record VillageBoundaries(String[] codes, String[] boundaries) {
    }
}
