package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.landatlas.security.Access;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * 合同统计: a county's contracts (the rows {@code circulationContracts} gives for the same filter) grouped by mode,
 * transferee kind, rent band, township or shown status — count, area and the area-weighted average rent over the
 * contracts that state one. Rent bands in 元/亩/年, lower bound inclusive: below 300, 300–600, 600–1000,
 * 1000–2000, 2000 and more, and NEGOTIABLE for contracts without a price (面议, or none stated). An equity
 * contract's price is its guaranteed minimum, as the contract field says.
 */
@Component
class ContractStatistics {

    /** Bands in order: key, lower bound (inclusive), label. */
    static final List<String[]> BANDS = List.of(
            new String[] {"LT_300", "0", "< 300 元/亩/年 Under 300 yuan/mu/year"},
            new String[] {"300_600", "300", "300–600 元/亩/年 300 to 600 yuan/mu/year"},
            new String[] {"600_1000", "600", "600–1000 元/亩/年 600 to 1000 yuan/mu/year"},
            new String[] {"1000_2000", "1000", "1000–2000 元/亩/年 1000 to 2000 yuan/mu/year"},
            new String[] {"GE_2000", "2000", "≥ 2000 元/亩/年 2000 yuan/mu/year and more"});

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("MODE:LEASE", "出租/转包 Lease"), Map.entry("MODE:EQUITY", "入股 Equity"), Map.entry("MODE:OTHER", "其他（托管等） Other"),
            Map.entry("MODE:SWAP", "互换 Swap"), Map.entry("MODE:TRANSFER", "转让 Transfer"),
            Map.entry("TRANSFEREE_KIND:ENTERPRISE", "企业 Enterprise"), Map.entry("TRANSFEREE_KIND:COOPERATIVE", "合作社 Cooperative"),
            Map.entry("TRANSFEREE_KIND:FAMILY_FARM", "家庭农场 Family farm"), Map.entry("TRANSFEREE_KIND:LARGE_GROWER", "种养大户 Large grower"),
            Map.entry("TRANSFEREE_KIND:VILLAGE_COLLECTIVE", "村集体 Village collective"), Map.entry("TRANSFEREE_KIND:OTHER", "其他 Other"),
            Map.entry("STATUS:DRAFT", "草拟 Draft"), Map.entry("STATUS:SIGNED", "已签订 Signed"), Map.entry("STATUS:FILED", "已备案 Filed"),
            Map.entry("STATUS:ACTIVE", "履行中 Active"), Map.entry("STATUS:EXPIRING", "即将到期 Expiring"), Map.entry("STATUS:EXPIRED", "已到期 Expired"),
            Map.entry("STATUS:TERMINATED", "已解除 Terminated"), Map.entry("STATUS:DISPUTED", "纠纷中 Disputed"),
            Map.entry("PRICE_BAND:NEGOTIABLE", "面议/未定价 Negotiable or no price"));

    private final NamedParameterJdbcTemplate jdbc;
    private final CirculationQueries queries;
    private final CirculationSupervision supervision;
    private final AdminUnitQueries units;
    private final int expiringDays;

    ContractStatistics(NamedParameterJdbcTemplate jdbc, CirculationQueries queries, CirculationSupervision supervision, AdminUnitQueries units,
                       CirculationProperties properties) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.supervision = supervision;
        this.units = units;
        this.expiringDays = properties.expiringDays();
    }

    static String bandSql(String price) {
        StringBuilder s = new StringBuilder("CASE WHEN " + price + " IS NULL THEN 'NEGOTIABLE'");
        for (int i = 1; i < BANDS.size(); i++) {
            s.append(" WHEN ").append(price).append(" < ").append(BANDS.get(i)[1]).append(" THEN '").append(BANDS.get(i - 1)[0]).append("'");
        }
        return s.append(" ELSE '").append(BANDS.get(BANDS.size() - 1)[0]).append("' END").toString();
    }

    List<Map<String, Object>> statistics(String countyCode, String groupBy, ContractFilter filter) {
        String county = supervision.county(countyCode, "circulationContractStatistics");
        String key = switch (String.valueOf(groupBy)) {
            case "MODE" -> "upper(t.mode)";
            case "TRANSFEREE_KIND" -> "(SELECT upper(r.kind) FROM transferee r WHERE r.id = t.transferee_id)";
            case "PRICE_BAND" -> bandSql("t.price_yuan_per_mu_year");
            case "TOWNSHIP" -> "left(t.village_code, 9)";
            case "STATUS" -> "upper(" + CirculationQueries.shownStatusSql("t", expiringDays) + ")";
            default -> throw ApiException.badInput("groupBy", "MODE, TRANSFEREE_KIND, PRICE_BAND, TOWNSHIP or STATUS, got " + groupBy);
        };
        Viewer staff = Access.requireStaffIn(county, "circulationContractStatistics");
        SqlWhere w = queries.contractsWhere(filter, staff);
        w.equal(county, "t.county_code");
        String priced = "t.price_yuan_per_mu_year IS NOT NULL";
        String sql = "SELECT " + key + " AS k, count(*)::int AS n, sum(t.area_mu)::float8 AS area,"
                + " (sum(t.price_yuan_per_mu_year * t.area_mu) FILTER (WHERE " + priced + ") / nullif(sum(t.area_mu) FILTER (WHERE " + priced + "), 0))::float8 AS price"
                + " FROM circulation_contract t WHERE " + w.sql() + " GROUP BY 1";
        List<Map<String, Object>> rows = new ArrayList<>();
        jdbc.query(sql, w.params(), rs -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("key", rs.getString("k"));
            r.put("count", rs.getInt("n"));
            r.put("areaMu", rs.getDouble("area"));
            double price = rs.getDouble("price");
            r.put("averagePriceYuanPerMuYear", rs.wasNull() ? null : price);
            rows.add(r);
        });
        if ("TOWNSHIP".equals(groupBy)) {
            List<String> codes = rows.stream().map(r -> (String) r.get("key")).toList();
            List<Map<String, Object>> found = units.byCodes(codes);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, Object> u = found.get(i);
                rows.get(i).put("label", u == null ? codes.get(i) : String.valueOf(u.get("name")));
            }
        } else if ("PRICE_BAND".equals(groupBy)) {
            for (Map<String, Object> r : rows) {
                r.put("label", BANDS.stream().filter(b -> b[0].equals(r.get("key"))).map(b -> b[2]).findFirst()
                        .orElse(LABELS.get("PRICE_BAND:" + r.get("key"))));
            }
        } else {
            rows.forEach(r -> r.put("label", LABELS.getOrDefault(groupBy + ":" + r.get("key"), String.valueOf(r.get("key")))));
        }
        rows.sort(Comparator.comparingInt((Map<String, Object> r) -> order(groupBy, (String) r.get("key"))).thenComparing(r -> (String) r.get("key")));
        return rows;
    }

    /** Bands in band order (NEGOTIABLE last); every other group in key order. */
    private static int order(String groupBy, String key) {
        if (!"PRICE_BAND".equals(groupBy)) {
            return 0;
        }
        for (int i = 0; i < BANDS.size(); i++) {
            if (BANDS.get(i)[0].equals(key)) {
                return i;
            }
        }
        return BANDS.size();
    }
}
