package org.landatlas.circulation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.landatlas.parcel.LandClassGroups;
import org.landatlas.platform.ApiException;
import org.landatlas.platform.BBox;
import org.landatlas.platform.Range;
import org.landatlas.platform.SqlWhere;

/**
 * The GraphQL input LandSearchInput of {@code landSearch}, bound by Spring. {@link #restrict} checks every value
 * (refused naming {@code criteria.<field>}) and writes the parcel-level conditions over
 * {@code circulation_search_parcel t}; the cluster-level ones (contiguous area) are applied by {@link InvestorSearch}.
 */
record LandSearchCriteria(String adminCode, List<Double> bbox, List<String> classGroups, Double minContiguousAreaMu,
                          Double maxPriceYuanPerMuYear, Boolean includeNegotiable, Integer minTermYears, List<String> modes,
                          Boolean pooledOnly, List<String> belts, Range elevationM, Double maxRoadDistanceM, Double maxTownDistanceM,
                          String intendedUse, Boolean acceptSupervision, Boolean excludePermanentBasicFarmland, Double gapToleranceM) {

    static final String ARG = "criteria";

    /** The intended use as its enum (GraphQL enum arguments arrive as their names), null when none is given. */
    IntendedUse use() {
        if (intendedUse == null) {
            return null;
        }
        try {
            return IntendedUse.valueOf(intendedUse);
        } catch (IllegalArgumentException e) {
            throw org.landatlas.platform.ApiException.badInput(ARG + ".intendedUse", "unknown intended use " + intendedUse);
        }
    }
    /** Default gap tolerated between parcels of one cluster (field ridges, farm roads), metres. */
    static final double DEFAULT_GAP_M = 5;
    /** Distances beyond this are a mistake (a county is at most a few hundred km across). */
    static final double MAX_DISTANCE_M = 200_000;
    /** Listing modes (the contract-only legacy modes SWAP and TRANSFER are never listed). */
    static final List<String> LISTING_MODES = List.of("LEASE", "EQUITY", "OTHER");

    static final LandSearchCriteria NONE = new LandSearchCriteria(null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    /**
     * 拟用途: what the investor means to do with the land, and so which protected land it may not take (自然资发〔2021〕166号
     * "四严禁" on permanent basic farmland; 国办发〔2020〕44号 on non-grain use; zone rules for grazing and livestock).
     */
    enum IntendedUse {
        GRAIN("粮食种植", "grain"),
        CASH_CROPS("经济作物（非粮）", "cash crops (non-grain)"),
        ORCHARD("林果", "orchard"),
        NURSERY("苗木花卉", "nursery stock"),
        FORESTRY("林业", "forestry"),
        FISH_POND("挖塘养殖", "fish ponds"),
        LIVESTOCK("畜禽养殖设施", "livestock facilities"),
        GRAZING("放牧", "grazing"),
        FACILITY_AGRICULTURE("设施农业", "facility agriculture");

        final String zh;
        final String en;

        IntendedUse(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        /** Uses that permanent basic farmland never takes (四严禁: orchards, forestry, ponds, nursery stock, new facilities). */
        boolean barredFromPermanentBasicFarmland() {
            return this == ORCHARD || this == NURSERY || this == FORESTRY || this == FISH_POND || this == LIVESTOCK || this == FACILITY_AGRICULTURE;
        }

        /** Non-grain crops: on permanent basic or high-standard farmland only under use supervision (用途监管). */
        boolean nonGrain() {
            return this == CASH_CROPS;
        }
    }

    double gap() {
        return gapToleranceM == null ? DEFAULT_GAP_M : gapToleranceM;
    }

    double minArea() {
        return minContiguousAreaMu == null ? 0 : minContiguousAreaMu;
    }

    boolean supervision() {
        return Boolean.TRUE.equals(acceptSupervision);
    }

    /**
     * Checks the criteria and adds the parcel conditions to {@code w}. {@code maxGapM} is the tolerance the adjacency
     * index was built with (a search cannot tolerate wider gaps than the edges hold); {@code belts} are the county's
     * belt codes.
     */
    void restrict(SqlWhere w, double maxGapM, List<String> countyBelts) {
        if (adminCode != null) {
            // The county is the query's; adminCode narrows it (checked against the county by the caller). A township
            // has its own indexed column.
            if (adminCode.length() == 9) {
                w.and("t.township_code = " + w.param(adminCode));
            } else if (adminCode.length() == 12) {
                w.and("t.village_code = " + w.param(adminCode));
            }
        }
        w.bbox(BBox.of(bbox, ARG + ".bbox"), "t.geom");
        if (classGroups != null) {
            List<String> codes = new ArrayList<>();
            for (String g : classGroups) {
                String code = g.toLowerCase(Locale.ROOT);
                if (!LandClassGroups.codes().contains(code)) {
                    throw ApiException.badInput(ARG + ".classGroups", "unknown land class group " + g);
                }
                codes.add(code);
            }
            w.in(codes, "t.class_group", false);
        }
        if (minContiguousAreaMu != null && (minContiguousAreaMu.isNaN() || minContiguousAreaMu < 0 || minContiguousAreaMu > 10_000_000)) {
            throw ApiException.badInput(ARG + ".minContiguousAreaMu", "must be between 0 and 10,000,000 亩, got " + minContiguousAreaMu);
        }
        if (maxPriceYuanPerMuYear != null) {
            if (maxPriceYuanPerMuYear.isNaN() || maxPriceYuanPerMuYear < 0) {
                throw ApiException.badInput(ARG + ".maxPriceYuanPerMuYear", "must not be negative, got " + maxPriceYuanPerMuYear);
            }
            String price = "t.price_yuan_per_mu_year <= " + w.param(maxPriceYuanPerMuYear);
            w.and(Boolean.FALSE.equals(includeNegotiable) ? price : "(" + price + " OR t.price_yuan_per_mu_year IS NULL)");
        } else if (Boolean.FALSE.equals(includeNegotiable)) {
            w.and("t.price_yuan_per_mu_year IS NOT NULL");
        }
        if (minTermYears != null) {
            if (minTermYears < 0 || minTermYears > 70) {
                throw ApiException.badInput(ARG + ".minTermYears", "must be between 0 and 70 years (the longest circulation term), got " + minTermYears);
            }
            w.and("t.term_years >= " + w.param(minTermYears));
        }
        if (modes != null) {
            for (String m : modes) {
                if (!LISTING_MODES.contains(m)) {
                    throw ApiException.badInput(ARG + ".modes", m + " is not a mode land is listed in (LEASE, EQUITY, OTHER)");
                }
            }
            w.in(modes.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList(), "t.mode", false);
        }
        if (Boolean.TRUE.equals(pooledOnly)) {
            w.and("t.pooled");
        }
        if (belts != null) {
            for (String b : belts) {
                if (!countyBelts.contains(b)) {
                    throw ApiException.badInput(ARG + ".belts", "unknown belt '" + b + "' in this county (belts: " + String.join(", ", countyBelts) + ")");
                }
            }
            w.in(belts, "t.belt_code", false);
        }
        Range elev = Range.checked(elevationM, ARG + ".elevationM", -500, 9000);
        w.range(elev, "t.elevation_mean_m");
        distance(w, maxRoadDistanceM, "maxRoadDistanceM", "t.road_m");
        distance(w, maxTownDistanceM, "maxTownDistanceM", "t.town_m");
        if (gapToleranceM != null && (gapToleranceM.isNaN() || gapToleranceM < 0 || gapToleranceM > maxGapM)) {
            throw ApiException.badInput(ARG + ".gapToleranceM", "must be between 0 and " + fmt(maxGapM) + " m (the widest gap the adjacency index holds, "
                    + "landatlas.search.max-gap-m), got " + gapToleranceM);
        }
        // Protected land the intended use may not take. Red line: no new production at all.
        if (Boolean.TRUE.equals(excludePermanentBasicFarmland)) {
            w.and("NOT t.is_permanent_basic_farmland");
        }
        IntendedUse intendedUse = use();
        if (intendedUse != null) {
            w.and("NOT t.in_ecological_red_line");
            if (intendedUse.barredFromPermanentBasicFarmland()) {
                w.and("NOT t.is_permanent_basic_farmland");
            }
            if (intendedUse.nonGrain() && !supervision()) {
                w.and("NOT t.is_permanent_basic_farmland AND NOT t.is_high_standard_farmland");
            }
            if (intendedUse == IntendedUse.ORCHARD || intendedUse == IntendedUse.NURSERY || intendedUse == IntendedUse.FISH_POND) {
                // High-standard farmland is for grain in principle (国办发〔2020〕44号): a plantation or pond there only under supervision.
                if (!supervision()) {
                    w.and("NOT t.is_high_standard_farmland");
                }
            }
            if (intendedUse == IntendedUse.GRAZING) {
                w.and("NOT t.in_grazing_ban");
            }
            if (intendedUse == IntendedUse.LIVESTOCK) {
                w.and("NOT t.in_livestock_prohibited");
            }
        }
    }

    private static void distance(SqlWhere w, Double value, String field, String column) {
        if (value == null) {
            return;
        }
        if (value.isNaN() || value < 0 || value > MAX_DISTANCE_M) {
            throw ApiException.badInput(ARG + "." + field, "must be between 0 and 200,000 m, got " + value);
        }
        w.and(column + " <= " + w.param(value));
    }

    static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.format(Locale.ROOT, "%.1f", x);
    }
}
