package org.landatlas.parcel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
import org.landatlas.platform.Mu;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Parcel reads: pages, single parcels, totals and grouped statistics, each one SQL statement. Public: other features load parcels by id here. */
@Component
public class ParcelQueries {

    static final Projection PARCEL = new Projection("Parcel", "land_parcel", "t.id")
            .key("id", "t.id")
            .key("villageCode", "t.village_code")
            .key("beltId", "t.belt_id")
            .key("hsfProjectId", "t.hsf_project_id")
            .scalar("bsm", "t.bsm")
            .scalar("tbbh", "t.tbbh")
            .scalar("landClassCode", "t.dlbm")
            .scalar("landClassName", "t.dlmc")
            .scalar("classSystem", "CASE t.class_system WHEN 'GB/T 21010-2017' THEN 'GBT_21010_2017' WHEN '三调工作分类' THEN 'SANDIAO' ELSE 'YONGDI_YONGHAI_2023' END")
            .scalar("classGroup", "(SELECT upper(c.class_group) FROM land_class c WHERE c.class_system = t.class_system AND c.code = t.dlbm)")
            .scalar("ownershipNature", "t.qsxz")
            .scalar("ownerUnitCode", "t.qsdwdm")
            .scalar("ownerUnitName", "t.qsdwmc")
            .scalar("locationUnitCode", "t.zldwdm")
            .scalar("locationUnitName", "t.zldwmc")
            .scalar("areaM2", "t.area_m2")
            .scalar("areaMu", "t.area_mu")
            .scalar("areaHa", "t.area_m2 / 10000")
            .scalar("perimeterM", "ST_Perimeter(t.geom::geography)")
            .scalar("surveyedAreaM2", "t.tbmj")
            .scalar("deductionCoefficient", "t.kcxs")
            .scalar("deductedAreaM2", "t.kcmj")
            .scalar("netAreaM2", "t.tbdlmj")
            .scalar("netAreaMu", Mu.fromM2Sql("t.tbdlmj"))
            .scalar("slopeClass", "t.gdpdjb")
            .scalar("croplandType", "t.gdlx")
            .scalar("plantingAttribute", "t.zzsxdm")
            .scalar("croplandGrade", "t.gddb")
            .scalar("elevationMeanM", "t.elevation_mean_m")
            .scalar("elevationMinM", "t.elevation_min_m")
            .scalar("elevationMaxM", "t.elevation_max_m")
            .scalar("slopeMeanDeg", "t.slope_mean_deg")
            .scalar("isPermanentBasicFarmland", "t.is_permanent_basic_farmland")
            .scalar("isHighStandardFarmland", "t.is_high_standard_farmland")
            .scalar("circulationStatus", "upper(t.circulation_status)")
            .scalar("dataYear", "t.sjnf")
            .scalar("srid", "ST_SRID(t.geom)")
            .scalar("synthetic", "t.synthetic")
            .geometry("geometry", "t.geom")
            .geometry("labelPoint", "ST_PointOnSurface(t.geom)")
            // Selected by page() when the filter has a near point.
            .perRequest("distanceM");

    private final NamedParameterJdbcTemplate jdbc;

    ParcelQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Parcels by id with every scalar field, in the order asked. */
    public List<Map<String, Object>> byIds(List<Long> ids) {
        return Connections.byIds(jdbc, PARCEL, "land_parcel", ids);
    }

    /**
     * The area in mu of a county's circulated parcels that a record of this land kind holds (the kind stored beside
     * the derived status, {@link CirculationStatusSource#heldKindSql}); per administrative unit whose code has {@code codeLength} digits (9 townships, 12 villages), or for the
     * whole county when {@code codeLength} is 6. For plan metrics that must count the same parcels as the summary.
     */
    public Map<String, Double> areaMuByUnit(String county, String heldKind, int codeLength) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        // An index-only sum over land_parcel_circulated_kind (V29): the kind is stored beside the derived status.
        jdbc.query("""
                SELECT left(p.village_code, :len), sum(p.area_mu)::float8 FROM land_parcel p
                WHERE p.county_code = :county AND p.circulation_status = 'circulated' AND p.circulation_held_kind = :kind GROUP BY 1 ORDER BY 1""",
                Map.of("len", codeLength, "county", county, "kind", heldKind), rs -> {
                    out.put(rs.getString(1), rs.getDouble(2));
                });
        return out;
    }

    /**
     * The parcels of a county that an import's table of changes ({@code record_key} = BSM, {@code change}) names
     * with this change, in id order: what a survey import (dltb) added or changed, for the features that derive
     * data from parcels.
     */
    public List<Long> importedParcelIds(String changesTable, String change, String county) {
        if (!changesTable.matches("[a-z_]+\\.[a-z_]+|[a-z_]+")) {
            throw new IllegalArgumentException("not a table name: " + changesTable);
        }
        return jdbc.queryForList("SELECT p.id FROM land_parcel p JOIN " + changesTable + " c ON c.record_key = p.bsm AND c.change = :change"
                + " WHERE p.county_code = :county ORDER BY p.id", Map.of("change", change, "county", county), Long.class);
    }

    /** What a circulation contract checks of a parcel: where it lies, its land-class group, protection and area. */
    public record ContractParcel(long id, String countyCode, String villageCode, String classGroup, boolean permanentBasicFarmland, double areaMu) {
    }

    /** The parcels of these ids that exist, in id order (missing ids are simply absent). */
    public List<ContractParcel> forContract(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT t.id, t.county_code, t.village_code, t.area_mu::float8 AS area_mu, coalesce(t.is_permanent_basic_farmland, false) AS pbf,
                       (SELECT c.class_group FROM land_class c WHERE c.class_system = t.class_system AND c.code = t.dlbm) AS class_group
                FROM land_parcel t WHERE t.id IN (:ids) ORDER BY t.id""", Map.of("ids", ids),
                (rs, i) -> new ContractParcel(rs.getLong("id"), rs.getString("county_code"), rs.getString("village_code"),
                        rs.getString("class_group"), rs.getBoolean("pbf"), rs.getDouble("area_mu")));
    }

    /** The outline of these parcels as one MultiPolygon in EPSG:4490, hex EWKB: the geometry of a record that covers them. */
    public String outlineEwkb(java.util.Collection<Long> ids) {
        return jdbc.queryForObject("SELECT encode(ST_AsEWKB(ST_Multi(ST_CollectionExtract(ST_Union(t.geom), 3))), 'hex') FROM land_parcel t WHERE t.id IN (:ids)",
                Map.of("ids", ids), String.class);
    }

    /** A cropland or permanent-basic-farmland parcel that a caller's geometry overlaps (e.g. a house: 乱占耕地建房). */
    public record FarmlandOverlap(long key, long parcelId, String dlbm, boolean cropland, boolean permanentBasicFarmland, double overlapM2) {
    }

    /**
     * The cropland (class group farmland) and permanent basic farmland parcels under the geometries of
     * {@code geometriesSql}, a SELECT over the caller's own tables with the columns {@code key} (bigint) and
     * {@code geom} (EPSG:4490) and its named parameters; overlaps of at least {@code minOverlapM2} m² (ellipsoidal),
     * in key and parcel order.
     */
    public List<FarmlandOverlap> farmlandUnder(String geometriesSql, Map<String, ?> params, double minOverlapM2) {
        Map<String, Object> p = new java.util.HashMap<>(params);
        p.put("minOverlap", minOverlapM2);
        return jdbc.query("""
                WITH g AS (%s)
                SELECT g.key, t.id, t.dlbm, coalesce(c.class_group = 'farmland', false) AS cropland,
                       coalesce(t.is_permanent_basic_farmland, false) AS pbf,
                       ST_Area(ST_Intersection(t.geom, g.geom)::geography)::float8 AS overlap
                FROM g JOIN land_parcel t ON t.geom && g.geom AND ST_Intersects(t.geom, g.geom)
                LEFT JOIN land_class c ON c.class_system = t.class_system AND c.code = t.dlbm
                WHERE (c.class_group = 'farmland' OR t.is_permanent_basic_farmland IS TRUE)
                  AND ST_Area(ST_Intersection(t.geom, g.geom)::geography) >= :minOverlap
                ORDER BY g.key, t.id""".formatted(geometriesSql), p,
                (rs, i) -> new FarmlandOverlap(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5), rs.getDouble(6)));
    }

    static String classSystemName(String graphQlValue) {
        return switch (graphQlValue) {
            case "GBT_21010_2017" -> "GB/T 21010-2017";
            case "SANDIAO" -> "三调工作分类";
            case "YONGDI_YONGHAI_2023" -> "用地用海2023";
            default -> throw ApiException.badInput("classSystem", "unknown classification " + graphQlValue);
        };
    }

    /** One page with, when selected, the total count and area; with a near point nodes carry "distanceM". */
    graphql.relay.Connection<Object> page(ParcelFilter.Where filter, PageRequest page, ParcelOrder order, DataFetchingFieldSelectionSet selection) {
        String orderSql = orderBy(filter, order);
        List<Connections.ExtraColumn> extra = filter.near() == null ? List.of() : List.of(new Connections.ExtraColumn("distanceM", filter.near().distanceSql()));
        return Connections.fetch(jdbc, PARCEL, "land_parcel t", filter.condition(), orderSql, extra, TOTALS, page, selection);
    }

    private static final Map<String, String> TOTALS = Map.of("totalCount", "count(*)", "totalAreaMu", "sum(t.area_mu)");

    private static String orderBy(ParcelFilter.Where filter, ParcelOrder order) {
        if (order == null) {
            return "t.id";
        }
        String dir = "DESC".equals(order.direction()) ? " DESC" : "";
        return switch (String.valueOf(order.field())) {
            case "AREA" -> "t.area_m2" + dir + ", t.id";
            case "CODE" -> "t.dlbm" + dir + ", t.bsm" + dir;
            case "DISTANCE" -> {
                SqlWhere.Distance near = filter.near();
                if (near == null) {
                    throw ApiException.badInput("orderBy.field", "DISTANCE needs filter.near.point");
                }
                // With a radius the candidates are few: sort them by exact distance. Without one, walk the
                // index nearest-first (KNN) and break ties by exact distance.
                yield near.radiusM() != null ? near.distanceSql() + ", t.id" : "t.geom <-> " + near.pointSql() + ", t.id";
            }
            default -> "t.id" + dir;
        };
    }

    Map<String, Object> one(String column, Object value, DataFetchingFieldSelectionSet selection) {
        List<Map<String, Object>> rows = jdbc.query("SELECT " + PARCEL.selectList(selection, "") + " FROM land_parcel t WHERE t." + column + " = :v",
                Map.of("v", value), SqlRows.ROWS);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static final String GROUP_NAMES = LandClassGroups.chineseNameSql();

    /**
     * A grouping dimension: the key computed per parcel, and how its name is looked up once per group after
     * aggregation (joining names per parcel would cost more than the sums). {@code %s} stands for the key.
     */
    private record Dimension(String key, String code, String name, String nameJoin, boolean needsLandClass) {
    }

    private static Dimension dimension(String d) {
        return switch (d) {
            case "COUNTY" -> new Dimension(d, "t.county_code", "n.name", "LEFT JOIN admin_unit n ON n.code = %s", false);
            case "TOWNSHIP" -> new Dimension(d, "left(t.village_code, 9)", "n.name", "LEFT JOIN admin_unit n ON n.code = %s", false);
            case "VILLAGE" -> new Dimension(d, "t.village_code", "n.name", "LEFT JOIN admin_unit n ON n.code = %s", false);
            case "LAND_CLASS" -> new Dimension(d, "t.dlbm", "min(t.dlmc)", null, false);
            case "CLASS_GROUP" -> new Dimension(d, "lc.class_group", GROUP_NAMES, "", true);
            case "CIRCULATION_STATUS" -> new Dimension(d, "t.circulation_status",
                    "CASE %s WHEN 'none' THEN '未流转' WHEN 'listed' THEN '挂牌中' ELSE '已流转' END", "", false);
            case "BELT" -> new Dimension(d, "t.belt_id", "n.name", "LEFT JOIN belt n ON n.id = %s", false);
            case "PLANTING_ATTRIBUTE" -> new Dimension(d, "t.zzsxdm", "min(t.zzsxmc)", null, false);
            default -> throw ApiException.badInput("groupBy", "unknown dimension " + d);
        };
    }

    /** Counts and areas grouped by the dimensions, as the bureaus report them (net TBDLMJ next to gross TBMJ). */
    List<Map<String, Object>> landStats(ParcelFilter.Where filter, List<String> groupBy) {
        if (groupBy.isEmpty() || groupBy.size() > 4) {
            throw ApiException.badInput("groupBy", "give between 1 and 4 dimensions");
        }
        if (groupBy.stream().distinct().count() != groupBy.size()) {
            throw ApiException.badInput("groupBy", "a dimension is repeated");
        }
        List<Dimension> dims = groupBy.stream().map(ParcelQueries::dimension).toList();
        // Inner query: one pass over the parcels, sums per group. Outer query: names per group.
        StringBuilder inner = new StringBuilder("SELECT ");
        StringBuilder group = new StringBuilder();
        StringBuilder outerSelect = new StringBuilder("SELECT ");
        StringBuilder outerJoins = new StringBuilder();
        boolean landClass = filter.condition().sql().contains("land_class");
        for (int i = 0; i < dims.size(); i++) {
            Dimension d = dims.get(i);
            landClass |= d.needsLandClass();
            String key = "g.k" + i;
            inner.append(d.code()).append(" AS k").append(i).append(", ");
            group.append(i == 0 ? "" : ", ").append(d.code());
            String code = d.key().equals("BELT") ? "(SELECT b.code FROM belt b WHERE b.id = " + key + ")"
                    : d.key().equals("CLASS_GROUP") || d.key().equals("CIRCULATION_STATUS") ? "upper(" + key + ")" : key;
            String name;
            if (d.nameJoin() == null) {
                // The name is aggregated with the sums (it is a column of the parcel itself).
                inner.append(d.name()).append(" AS n").append(i).append(", ");
                name = "g.n" + i;
            } else if (d.nameJoin().isEmpty()) {
                name = d.name().formatted(key);
            } else {
                outerJoins.append(' ').append(d.nameJoin().replace("n.", "n" + i + ".").replace(" n ", " n" + i + " ").formatted(key));
                name = d.name().replace("n.", "n" + i + ".");
            }
            outerSelect.append(code).append(" AS k").append(i).append(", ").append(name).append(" AS n").append(i).append(", ");
        }
        inner.append("count(*) AS cnt, sum(t.area_m2) AS area, sum(t.tbmj) AS gross, sum(t.tbdlmj) AS net FROM land_parcel t")
                .append(landClass ? " JOIN land_class lc ON lc.class_system = t.class_system AND lc.code = t.dlbm" : "")
                .append(" WHERE ").append(filter.condition().sql()).append(" GROUP BY ").append(group);
        String sql = outerSelect + "g.cnt, g.area, g.gross, g.net FROM (" + inner + ") g" + outerJoins + " ORDER BY "
                + String.join(", ", java.util.stream.IntStream.range(0, dims.size()).mapToObj(i -> "k" + i).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        jdbc.query(sql, filter.condition().params(), rs -> {
            List<Map<String, Object>> keys = new ArrayList<>(dims.size());
            for (int i = 0; i < dims.size(); i++) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("dimension", dims.get(i).key());
                k.put("code", rs.getString("k" + i));
                k.put("name", rs.getString("n" + i));
                keys.add(k);
            }
            double area = rs.getDouble("area");
            double net = rs.getDouble("net");
            Map<String, Object> row = new HashMap<>();
            row.put("keys", keys);
            row.put("count", rs.getInt("cnt"));
            row.put("areaMu", Mu.fromM2(area));
            row.put("areaHa", area / 10_000);
            row.put("grossAreaMu", Mu.fromM2(rs.getDouble("gross")));
            row.put("netAreaMu", Mu.fromM2(net));
            row.put("netAreaHa", net / 10_000);
            out.add(row);
        });
        return out;
    }

    List<Map<String, Object>> landClasses(String classSystem) {
        String where = classSystem == null ? "" : " WHERE class_system = :s";
        return jdbc.query("""
                SELECT CASE class_system WHEN 'GB/T 21010-2017' THEN 'GBT_21010_2017' WHEN '三调工作分类' THEN 'SANDIAO' ELSE 'YONGDI_YONGHAI_2023' END AS "classSystem",
                       code AS "code", name AS "name", name_en AS "nameEn", level AS "level", upper(class_group) AS "group", three_class AS "threeClass"
                FROM land_class""" + where + " ORDER BY class_system, code",
                classSystem == null ? Map.of() : Map.of("s", classSystemName(classSystem)), SqlRows.ROWS);
    }

}
