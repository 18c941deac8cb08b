package org.landatlas.plans;

import java.util.List;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.landatlas.platform.SqlRows;
import org.landatlas.platform.SqlWhere;
import org.landatlas.region.AdminUnitQueries;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Plan targets with what their metric has achieved so far, measured by the feature that owns the data. */
@Component
class PlanTargets {

    private final NamedParameterJdbcTemplate jdbc;
    private final AdminUnitQueries units;
    private final PlanMetrics metrics;

    PlanTargets(NamedParameterJdbcTemplate jdbc, AdminUnitQueries units, PlanMetrics metrics) {
        this.jdbc = jdbc;
        this.units = units;
        this.metrics = metrics;
    }

    /**
     * Targets of a county (all when null) and year (all when null) in county, year, metric order. Only targets
     * of measured metrics: the GraphQL enum has no value for others, and no write path lets one in.
     */
    List<Map<String, Object>> targets(String countyCode, Integer year) {
        return targets(countyCode, year, null);
    }

    /**
     * {@link #targets(String, Integer)}; with {@code unitLevel} (the level of the byUnit the query selects), a metric
     * measured by unit is measured once at that level: the county figure is the units' sum and byUnit reuses the
     * split, instead of a second pass over the same rows.
     */
    List<Map<String, Object>> targets(String countyCode, Integer year, String unitLevel) {
        Integer codeLength = unitLevel == null ? null : codeLength(unitLevel);
        SqlWhere w = new SqlWhere();
        if (countyCode != null) {
            units.requireExisting("countyCode", countyCode);
            w.equal(countyCode, "t.county_code");
        }
        if (year != null) {
            w.equal(year, "t.target_year");
        }
        w.and("t.metric IN (" + w.param(List.copyOf(metrics.ids())) + ")");
        List<Map<String, Object>> rows = jdbc.query("""
                SELECT t.county_code AS "countyCode", t.target_year AS "year", upper(t.metric) AS "metric", t.metric AS m,
                       t.target_value AS "targetValue", t.unit AS "unit", t.cumulative AS "cumulative",
                       t.source_document AS "sourceDocument", t.synthetic AS "synthetic"
                FROM plan_target t WHERE\s""" + w.sql() + " ORDER BY t.county_code, t.target_year, t.metric", w.params(), SqlRows.ROWS);
        for (Map<String, Object> r : rows) {
            PlanScope scope = new PlanScope((String) r.get("countyCode"), ((Number) r.get("year")).intValue(), (Boolean) r.get("cumulative"));
            PlanMetric metric = metrics.require("metric", (String) r.remove("m"));
            double achieved;
            if (codeLength != null && metric.measuredByUnit()) {
                Map<String, Double> split = metric.achievedByUnit(scope, codeLength);
                achieved = split.values().stream().mapToDouble(Double::doubleValue).sum();
                r.put(SPLIT, split);
                r.put(SPLIT_LENGTH, codeLength);
            } else {
                achieved = metric.achieved(scope);
            }
            double target = ((Number) r.get("targetValue")).doubleValue();
            r.put("achievedValue", achieved);
            r.put("progress", target == 0 ? 1.0 : achieved / target);
        }
        return rows;
    }

    /** Keys of a target row (not GraphQL fields) holding the split measured with the county figure, and its code length. */
    private static final String SPLIT = "_split";
    private static final String SPLIT_LENGTH = "_splitLength";

    private static int codeLength(String level) {
        return switch (level) {
            case "COUNTY" -> 6;
            case "TOWNSHIP" -> 9;
            case "VILLAGE" -> 12;
            default -> throw ApiException.badInput("level", "unknown level " + level);
        };
    }

    /**
     * A target's achievement split over the county's townships or villages (every unit listed, zero where nothing
     * is achieved), or null when its metric is measured for whole counties only.
     */
    List<Map<String, Object>> byUnit(Map<String, Object> target, String level) {
        PlanMetric metric = metrics.require("metric", (String) target.get("metric"));
        if (!metric.measuredByUnit()) {
            return null;
        }
        String county = (String) target.get("countyCode");
        int codeLength = codeLength(level);
        PlanScope scope = new PlanScope(county, ((Number) target.get("year")).intValue(), (Boolean) target.get("cumulative"));
        @SuppressWarnings("unchecked")
        Map<String, Double> achieved = Integer.valueOf(codeLength).equals(target.get(SPLIT_LENGTH)) ? (Map<String, Double>) target.get(SPLIT)
                : metric.achievedByUnit(scope, codeLength);
        List<String> codes = switch (codeLength) {
            case 6 -> List.of(county);
            case 9 -> units.townshipCodes(county);
            default -> units.villageCodes(county);
        };
        double total = achieved.values().stream().mapToDouble(Double::doubleValue).sum();
        double targetValue = ((Number) target.get("targetValue")).doubleValue();
        List<Map<String, Object>> out = new java.util.ArrayList<>(codes.size());
        List<Map<String, Object>> unitRows = units.byCodes(codes);
        for (int k = 0; k < codes.size(); k++) {
            double a = achieved.getOrDefault(codes.get(k), 0.0);
            out.add(Map.of("unit", unitRows.get(k), "achievedValue", a, "shareOfAchieved", total == 0 ? 0.0 : a / total,
                    "shareOfTarget", targetValue == 0 ? 1.0 : a / targetValue));
        }
        return out;
    }
}
