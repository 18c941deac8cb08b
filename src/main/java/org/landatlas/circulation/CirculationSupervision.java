package org.landatlas.circulation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.SelectedField;
import org.landatlas.parcel.ParcelUseFacts;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.Connections;
import org.landatlas.platform.GeoJson;
import org.landatlas.platform.PageConnection;
import org.landatlas.platform.PageRequest;
import org.landatlas.platform.Projection;
import org.landatlas.platform.SqlValues;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 用途监管 Use supervision: the findings staff follow up in a county, one SQL text for the GraphQL query and the
 * tile layer {@code circulation_supervision} ({@link #findingsSql}). Kinds:
 * <ul>
 * <li>NON_GRAIN — a contract in force whose recorded use is not grain ({@link ContractUse#grain}) on permanent basic
 * farmland, high-standard farmland or cropland planted to grain (ZZSXDM LS): those accepted under the supervision
 * flag (what the flag is for) and those without it;</li>
 * <li>NON_AGRICULTURAL — a contract in force whose recorded use is not agricultural, or a parcel it holds whose
 * current land class is construction land (the first cannot be written today: ContractService refuses such uses and
 * V24's CHECK on use_kind lists agricultural uses only; the rule stays so that it holds if either ever changes);</li>
 * <li>EXPIRING — as the derived status ({@link CirculationQueries#expiringSql});</li>
 * <li>MORTGAGED — an unreleased mortgage;</li>
 * <li>DISPUTE_OVERDUE — an open dispute opened more than {@code dispute-overdue-days} ago.</li>
 * </ul>
 * No finding carries personal data: no household, no person, no dispute summary (free text that may name people).
 */
@Component
class CirculationSupervision {

    enum Kind { NON_GRAIN, NON_AGRICULTURAL, EXPIRING, MORTGAGED, DISPUTE_OVERDUE }

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;
    private final int expiringDays;
    private final int overdueDays;
    private final String findings;

    CirculationSupervision(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units, CirculationProperties properties) {
        this.jdbc = jdbc;
        this.units = units;
        this.expiringDays = properties.expiringDays();
        this.overdueDays = properties.disputeOverdueDays();
        this.findings = findingsSql(expiringDays, overdueDays);
    }

    String findingsSql() {
        return findings;
    }

    private static List<String> codes(java.util.function.Predicate<ContractUse> p) {
        return Arrays.stream(ContractUse.values()).filter(p).map(ContractUse::code).toList();
    }

    /**
     * Every finding of every county, one row each: kind (lower case), fid (a bigint id unique over the findings),
     * finding_key, county_code, village_code, contract_id, contract_no, contract_status (shown, lower case),
     * parcel_ids, area_mu, geom (the parcels concerned), since, supervised, pbf, hsf, grain_planting, use_kind,
     * construction_classes, mortgage and dispute columns. The county condition of a reader reaches every branch.
     */
    static String findingsSql(int expiringDays, int overdueDays) {
        String inForce = ActiveContracts.statusIn("c.status");
        String shown = CirculationQueries.shownStatusSql("c", expiringDays);
        String nonGrain = SqlValues.in("c.use_kind", codes(u -> u.agricultural && !u.grain));
        String nonAgricultural = SqlValues.in("c.use_kind", codes(u -> !u.agricultural));
        String contractParcels = "ARRAY(SELECT x.parcel_id FROM circulation_contract_parcel x WHERE x.contract_id = c.id ORDER BY x.parcel_id)";
        String noMortgage = "NULL::bigint AS mortgage_id, NULL::text AS lender, NULL::float8 AS amount_yuan, NULL::date AS mortgage_term_end, NULL::date AS registered_on";
        String noDispute = "NULL::bigint AS dispute_id, NULL::text AS dispute_kind, NULL::text AS dispute_stage";
        String noFacts = "NULL::boolean AS supervised, NULL::boolean AS pbf, NULL::boolean AS hsf, NULL::boolean AS grain_planting, c.use_kind, NULL::text AS construction_classes";
        String parcelGroup = """
                array_agg(f.parcel_id ORDER BY f.parcel_id) AS parcel_ids, sum(coalesce(cp.area_mu::float8, f.area_mu)) AS area_mu,
                ST_Multi(ST_CollectionExtract(ST_Collect(f.geom), 3)) AS geom, coalesce(c.signed_on, c.term_start) AS since""";
        String contractJoin = " FROM circulation_contract c JOIN circulation_contract_parcel cp ON cp.contract_id = c.id JOIN "
                + ParcelUseFacts.fromItem("f") + " ON f.parcel_id = cp.parcel_id";
        return "SELECT 'non_grain' AS kind, c.id * 8 + 0 AS fid, 'non_grain:' || c.id AS finding_key, c.county_code, c.village_code, c.id AS contract_id,"
                + " c.contract_no, " + shown + " AS contract_status, " + parcelGroup + ","
                + " c.supervision AS supervised, bool_or(f.pbf) AS pbf, bool_or(f.hsf) AS hsf, bool_or(f.grain_planting) AS grain_planting, c.use_kind,"
                + " NULL::text AS construction_classes, " + noMortgage + ", " + noDispute
                + contractJoin + " WHERE " + inForce + " AND " + nonGrain + " AND (f.pbf OR f.hsf OR f.grain_planting)"
                + " GROUP BY c.id, c.county_code"
                + "\nUNION ALL\n"
                + "SELECT 'non_agricultural', c.id * 8 + 1, 'non_agricultural:' || c.id, c.county_code, c.village_code, c.id, c.contract_no, " + shown + ", "
                + parcelGroup + ", NULL, NULL, NULL, NULL, c.use_kind,"
                + " string_agg(DISTINCT f.land_class_code || ' ' || f.land_class_name, ', ') FILTER (WHERE f.construction), " + noMortgage + ", " + noDispute
                + contractJoin + " WHERE " + inForce + " AND (" + nonAgricultural + " OR f.construction)"
                + " GROUP BY c.id, c.county_code"
                + "\nUNION ALL\n"
                + "SELECT 'expiring', c.id * 8 + 2, 'expiring:' || c.id, c.county_code, c.village_code, c.id, c.contract_no, " + shown + ", "
                + contractParcels + ", c.area_mu::float8, c.geom, c.term_end, " + noFacts + ", " + noMortgage + ", " + noDispute
                + " FROM circulation_contract c WHERE " + CirculationQueries.expiringSql("c", expiringDays)
                + "\nUNION ALL\n"
                + "SELECT 'mortgaged', m.id * 8 + 3, 'mortgaged:' || m.id, c.county_code, c.village_code, c.id, c.contract_no, " + shown + ", "
                + contractParcels + ", c.area_mu::float8, c.geom, m.registered_on, " + noFacts + ", "
                + "m.id, m.lender, m.amount_yuan::float8, m.term_end, m.registered_on, " + noDispute
                + " FROM circulation_mortgage m JOIN circulation_contract c ON c.id = m.contract_id WHERE m.released_on IS NULL"
                + "\nUNION ALL\n"
                + "SELECT 'dispute_overdue', d.id * 8 + 4, 'dispute_overdue:' || d.id, d.county_code, coalesce(c.village_code, f.village_code), c.id, c.contract_no,"
                + " CASE WHEN c.id IS NULL THEN NULL ELSE " + shown + " END,"
                + " CASE WHEN c.id IS NULL THEN ARRAY[d.parcel_id] ELSE " + contractParcels + " END, coalesce(c.area_mu::float8, f.area_mu),"
                + " coalesce(c.geom, f.geom), d.opened_on, NULL, NULL, NULL, NULL, c.use_kind, NULL, " + noMortgage + ", d.id, d.kind, d.stage"
                + " FROM circulation_dispute d LEFT JOIN circulation_contract c ON c.id = d.contract_id LEFT JOIN " + ParcelUseFacts.fromItem("f")
                + " ON f.parcel_id = d.parcel_id"
                + " WHERE d.resolved_on IS NULL AND d.opened_on < current_date - " + overdueDays;
    }

    private static final String KIND_ORDER = "array_position(ARRAY['non_grain', 'non_agricultural', 'expiring', 'mortgaged', 'dispute_overdue'], s.kind)";

    /** The county's findings of {@code kinds} (all when null), a page of them, and the counts of every kind. */
    Map<String, Object> findings(String countyCode, List<String> kinds, Integer first, String after, DataFetchingFieldSelectionSet selection) {
        String county = county(countyCode, "circulationSupervision");
        List<String> asked = kinds == null ? null : kinds.stream().map(k -> k.toLowerCase()).toList();
        if (asked != null && asked.isEmpty()) {
            throw ApiException.badInput("kinds", "name at least one kind, or leave kinds out for all");
        }
        PageRequest page = PageRequest.of(first, after, null, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("countyCode", county);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            counts.put(k.name().toLowerCase(), 0);
        }
        jdbc.query("SELECT s.kind, count(*)::int AS n FROM (" + findings + ") s WHERE s.county_code = :county GROUP BY s.kind", Map.of("county", county),
                rs -> {
                    counts.put(rs.getString("kind"), rs.getInt("n"));
                });
        out.put("counts", counts.entrySet().stream().map(e -> Map.<String, Object>of("kind", e.getKey().toUpperCase(), "count", e.getValue())).toList());
        out.put("totalCount", counts.entrySet().stream().filter(e -> asked == null || asked.contains(e.getKey())).mapToInt(Map.Entry::getValue).sum());
        MapSqlParameterSource p = new MapSqlParameterSource("county", county).addValue("limit", page.limit() + 1).addValue("offset", page.offset());
        StringBuilder sql = new StringBuilder("SELECT s.*, ARRAY[ST_XMin(s.geom), ST_YMin(s.geom), ST_XMax(s.geom), ST_YMax(s.geom)] AS bbox");
        List<SelectedField> geometries = selection == null ? List.of() : selection.getFields("edges/node/geometry");
        for (int i = 0; i < geometries.size(); i++) {
            sql.append(", ").append(Projection.geoJson("s.geom", geometries.get(i).getArguments(), "geometry")).append(" AS g").append(i);
        }
        sql.append(" FROM (").append(findings).append(") s WHERE s.county_code = :county");
        if (asked != null) {
            sql.append(" AND s.kind IN (:kinds)");
            p.addValue("kinds", asked);
        }
        sql.append(" ORDER BY ").append(KIND_ORDER).append(", s.since, s.finding_key LIMIT :limit OFFSET :offset");
        LocalDate today = jdbc.queryForObject("SELECT current_date", Map.of(), LocalDate.class);
        List<Map<String, Object>> rows = jdbc.query(sql.toString(), p, (rs, i) -> {
            Map<String, Object> node = node(rs, today);
            for (int g = 0; g < geometries.size(); g++) {
                node.put("geometry@" + geometries.get(g).getResultKey(), new GeoJson.Text(rs.getString("g" + g)));
            }
            return node;
        });
        boolean more = rows.size() > page.limit();
        PageConnection c = Connections.of(more ? rows.subList(0, page.limit()) : rows, page, more);
        out.putAll(c);
        return out;
    }

    /** Checks the county argument and that the viewer is staff of it. */
    String county(String countyCode, String what) {
        if (countyCode == null || !countyCode.matches("[0-9]{6}")) {
            throw ApiException.badInput("countyCode", "a county code has 6 digits, got " + countyCode);
        }
        units.requireExisting("countyCode", countyCode);
        Access.requireStaffIn(countyCode, what);
        return countyCode;
    }

    private Map<String, Object> node(ResultSet rs, LocalDate today) throws SQLException {
        Map<String, Object> n = new LinkedHashMap<>();
        String kind = rs.getString("kind");
        n.put("id", rs.getString("finding_key"));
        n.put("kind", kind.toUpperCase());
        long contract = rs.getLong("contract_id");
        boolean hasContract = !rs.wasNull();
        String contractNo = rs.getString("contract_no");
        String status = rs.getString("contract_status");
        n.put("contract", hasContract ? Map.of("id", String.valueOf(contract), "contractNo", contractNo, "status", status.toUpperCase()) : null);
        n.put("villageCode", rs.getString("village_code"));
        List<Long> parcels = longs(rs.getArray("parcel_ids"));
        n.put("parcelIds", parcels.stream().map(String::valueOf).toList());
        n.put("areaMu", rs.getDouble("area_mu"));
        n.put("bbox", doubles(rs.getArray("bbox")));
        LocalDate since = rs.getObject("since", LocalDate.class);
        n.put("date", since);
        long age = ChronoUnit.DAYS.between(since, today);
        n.put("ageDays", (int) age);
        Object supervised = rs.getObject("supervised");
        n.put("supervised", "non_grain".equals(kind) ? supervised : null);
        String ids = parcels.stream().map(String::valueOf).collect(Collectors.joining(", "));
        String zh;
        String en;
        switch (kind) {
            case "non_grain" -> {
                ContractUse use = ContractUse.valueOf(rs.getString("use_kind").toUpperCase());
                List<String> whereZh = new ArrayList<>();
                List<String> whereEn = new ArrayList<>();
                if (rs.getBoolean("pbf")) {
                    whereZh.add("永久基本农田");
                    whereEn.add("permanent basic farmland");
                }
                if (rs.getBoolean("hsf")) {
                    whereZh.add("高标准农田");
                    whereEn.add("high-standard farmland");
                }
                if (rs.getBoolean("grain_planting")) {
                    whereZh.add("种植属性为粮食的耕地");
                    whereEn.add("cropland planted to grain (ZZSXDM LS)");
                }
                boolean sup = Boolean.TRUE.equals(supervised);
                zh = "合同用途为" + use.chinese + "（非粮），地块 " + ids + " 为" + String.join("、", whereZh) + "；"
                        + (sup ? "已纳入用途监管，跟踪核查" : "未纳入用途监管，需核查整改");
                en = "Recorded use " + use.name() + " is non-grain on " + String.join(", ", whereEn) + " (parcels " + ids + "); "
                        + (sup ? "accepted under use supervision: follow up" : "not under use supervision: check and correct");
            }
            case "non_agricultural" -> {
                String classes = rs.getString("construction_classes");
                String useKind = rs.getString("use_kind");
                ContractUse use = useKind == null ? null : ContractUse.valueOf(useKind.toUpperCase());
                if (use != null && !use.agricultural) {
                    zh = "合同用途为" + use.chinese + "，不是农业用途（确保农地农用）";
                    en = "Recorded use " + use.name() + " is not agricultural (land circulated stays in agricultural use)";
                } else {
                    zh = "地块 " + ids + " 现状地类为建设用地（" + classes + "），合同仍在履行（" + status.toUpperCase() + "）";
                    en = "Parcels " + ids + " are construction land now (" + classes + ") while the contract (" + status.toUpperCase() + ") holds them";
                }
            }
            case "expiring" -> {
                zh = "合同 " + contractNo + " 将于 " + since + " 到期（剩 " + (-age) + " 天，提前 " + expiringDays + " 天提示）";
                en = "Contract " + contractNo + " ends on " + since + " (" + (-age) + " days left; flagged " + expiringDays + " days ahead)";
            }
            case "mortgaged" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", rs.getString("mortgage_id"));
                m.put("lender", rs.getString("lender"));
                m.put("amountYuan", rs.getDouble("amount_yuan"));
                m.put("termEnd", rs.getObject("mortgage_term_end", LocalDate.class));
                m.put("registeredOn", rs.getObject("registered_on", LocalDate.class));
                n.put("mortgage", m);
                String amount = java.math.BigDecimal.valueOf(rs.getDouble("amount_yuan")).stripTrailingZeros().toPlainString();
                zh = "经营权抵押给 " + m.get("lender") + "，金额 " + amount + " 元，至 " + m.get("termEnd") + "，未解除（" + since + " 登记）";
                en = "Management right mortgaged to " + m.get("lender") + " for " + amount + " yuan until " + m.get("termEnd") + ", not released (registered "
                        + since + ")";
            }
            default -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", rs.getString("dispute_id"));
                d.put("kind", rs.getString("dispute_kind"));
                d.put("stage", rs.getString("dispute_stage"));
                d.put("openedOn", since);
                n.put("dispute", d);
                zh = "纠纷（" + disputeKindZh(rs.getString("dispute_kind")) + "）" + since + " 立案，已 " + age + " 天未结，现处" + stageZh(rs.getString("dispute_stage"))
                        + "阶段（超过 " + overdueDays + " 天）";
                en = "Dispute (" + rs.getString("dispute_kind") + ") opened on " + since + " is still open after " + age + " days, at stage "
                        + rs.getString("dispute_stage") + " (more than " + overdueDays + " days)";
            }
        }
        n.put("reasonZh", zh);
        n.put("reasonEn", en);
        return n;
    }

    private static String disputeKindZh(String kind) {
        return switch (String.valueOf(kind)) {
            case "rent_arrears" -> "拖欠租金";
            case "use_change" -> "改变用途";
            case "boundary" -> "地界";
            case "abandonment" -> "撂荒";
            case "early_termination" -> "提前解约";
            default -> "其他";
        };
    }

    private static String stageZh(String stage) {
        return switch (String.valueOf(stage)) {
            case "negotiation" -> "协商";
            case "village_mediation" -> "村调解";
            case "township_mediation" -> "乡镇调解";
            case "arbitration" -> "仲裁";
            case "court" -> "诉讼";
            default -> stage;
        };
    }

    private static List<Long> longs(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            if (o != null) {
                out.add(((Number) o).longValue());
            }
        }
        return out;
    }

    private static List<Double> doubles(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(o == null ? null : ((Number) o).doubleValue());
        }
        return out;
    }
}
