package org.landatlas.demodata;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What makes each demo county look like itself: its real elevation range and relief, field sizes, how land use
 * follows terrain, its altitude industry belts, typical rents and the targets of its plans. Values marked
 * "published" come from the counties' plans or reference sources (see shared domain notes); the rest are
 * plausible synthetic settings.
 */
public record CountyCharacter(
        String code,
        double minElevation,
        double maxElevation,
        double reliefWaves,
        double lowSideBearingDeg,
        double tiltWeight,
        double hillWeight,
        double ridgeWeight,
        int rivers,
        double valleyWidthM,
        double valleyDepth,
        double fieldSpacingM,
        String seatTownship,
        boolean pastoral,
        int[] cropGradeRange,
        Map<String, double[]> rentYuanPerMu,
        double pvAnnualHours,
        String beltSchemeName,
        List<BeltDef> belts,
        List<TargetDef> targets,
        LandUse landUse) {

    public record BeltDef(String code, String name, double min, double max, List<String> industries, String colour) {
    }

    public record TargetDef(int year, String metric, double value, String unit, boolean cumulative, String source, boolean synthetic) {
    }

    /** Terrain and position of one field cell, from which its land class follows. */
    public record Site(double elevation, double relElevation, double slopeDeg, double riverDistM, double fieldSpacingM, double rank) {
        public boolean onRiver() {
            return riverDistM < fieldSpacingM * 0.55;
        }
    }

    @FunctionalInterface
    public interface LandUse {
        /** A 三调 working-classification DLBM for a field cell. */
        String classify(Site s, SplittableRandom r);
    }

    private static final String SYNTHETIC_TARGET = "合成示例目标 (synthetic demo target, not from a published plan)";

    static CountyCharacter of(String code) {
        CountyCharacter c = ALL.get(code);
        if (c == null) {
            throw new IllegalArgumentException("county " + code + " has no demo character; known: " + ALL.keySet());
        }
        return c;
    }

    static final Map<String, CountyCharacter> ALL = Map.of(
            // 伊金霍洛旗: gentle sandy plateau 1,100–1,550 m draining south-east to the 乌兰木伦河; pasture,
            // irrigated fields along the rivers, shrub and shelterbelts, coal mining.
            "150627", new CountyCharacter("150627", 1100, 1550, 3, 150, 0.8, 1.0, 0.25, 2, 1500, 0.45, 260,
                    "阿勒腾席热镇", true, new int[] {9, 13},
                    Map.of("farmland", new double[] {260, 650}, "pasture", new double[] {18, 55}, "forest", new double[] {10, 30},
                            "garden", new double[] {300, 700}, "facility", new double[] {800, 2500}),
                    1600, "伊金霍洛旗地貌产业分区",
                    List.of(new BeltDef("river_flat", "河川滩地灌溉农业带", 0, 1250, List.of("玉米", "马铃薯", "设施蔬菜", "饲草料"), "#e6c84f"),
                            new BeltDef("upland_pasture", "梁地草原牧业带", 1250, 1400, List.of("肉羊", "肉牛", "人工饲草"), "#9ccc65"),
                            new BeltDef("sand_upland", "高梁风沙治理带", 1400, 9000, List.of("沙柳", "柠条", "光伏治沙", "生态修复"), "#d7b98e")),
                    List.of(new TargetDef(2024, "farmland_circulated_mu", 200_000, "亩", true, "伊金霍洛旗规划目标：2024年底耕地流转20万亩", false),
                            new TargetDef(2024, "pasture_circulated_mu", 500_000, "亩", true, "伊金霍洛旗规划目标：2024年底草牧场流转50万亩", false),
                            new TargetDef(2024, "forest_circulated_mu", 300_000, "亩", true, "伊金霍洛旗规划目标：2024年底林地流转30万亩", false),
                            new TargetDef(2024, "idle_homesteads_revitalized", 500, "宗", false, "伊金霍洛旗规划目标：2024年盘活闲置宅基地500宗", false),
                            new TargetDef(2025, "high_standard_farmland_mu", 180_000, "亩", true, "伊金霍洛旗规划目标：2025年高标准农田18万亩", false),
                            new TargetDef(2025, "household_pv_kw", 30_000, "kW", true, SYNTHETIC_TARGET, true)),
                    (s, r) -> {
                        if (s.onRiver()) {
                            return r.nextDouble() < 0.8 ? "1101" : "1106";
                        }
                        double x = r.nextDouble();
                        if (s.riverDistM() < 1800 && s.slopeDeg() < 3 && s.rank() < 0.6) {
                            return x < 0.55 ? "0102" : x < 0.85 ? "0103" : x < 0.9 ? "1104" : "0403";
                        }
                        if (s.relElevation() > 0.72 && x < 0.35) {
                            return "1205";
                        }
                        if (x < 0.03) {
                            return "0602";
                        }
                        if (x < 0.13) {
                            return "0305";
                        }
                        if (x < 0.17) {
                            return "0301";
                        }
                        if (x < 0.25) {
                            return "0403";
                        }
                        if (x < 0.31 && s.slopeDeg() < 4) {
                            return "0103";
                        }
                        return "0401";
                    }),
            // 鄂温克族自治旗: 600–1,700 m, the 大兴安岭 foothills high in the east, broad river meadows of the
            // 伊敏河 and 辉河 low in the west and north; steppe, forest, marsh grassland, some dry farming.
            "150724", new CountyCharacter("150724", 600, 1700, 3, 300, 1.3, 0.9, 0.35, 3, 2500, 0.35, 420,
                    "巴彦托海镇", true, new int[] {11, 14},
                    Map.of("farmland", new double[] {120, 320}, "pasture", new double[] {12, 40}, "forest", new double[] {8, 25},
                            "garden", new double[] {200, 500}, "facility", new double[] {600, 2000}),
                    1350, "鄂温克族自治旗海拔产业带",
                    List.of(new BeltDef("river_meadow", "河谷草甸带", 0, 760, List.of("奶牛", "打草场", "饲草"), "#80cbc4"),
                            new BeltDef("steppe", "草原牧业带", 760, 1050, List.of("三河牛", "呼伦贝尔羊", "草原旅游"), "#9ccc65"),
                            new BeltDef("forest_steppe", "森林草原过渡带", 1050, 1300, List.of("旱作油菜", "小麦", "林下经济"), "#c5e1a5"),
                            new BeltDef("mountain_forest", "山地森林带", 1300, 9000, List.of("森林管护", "蓝莓", "生态旅游"), "#2e7d32")),
                    List.of(new TargetDef(2025, "pasture_circulated_mu", 1_200_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "farmland_circulated_mu", 150_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "high_standard_farmland_mu", 80_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "idle_homesteads_revitalized", 120, "宗", false, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "household_pv_kw", 8_000, "kW", true, SYNTHETIC_TARGET, true)),
                    (s, r) -> {
                        if (s.onRiver()) {
                            return "1101";
                        }
                        double x = r.nextDouble();
                        if (s.riverDistM() < 2500) {
                            return x < 0.35 ? "0402" : x < 0.42 ? "1108" : x < 0.5 ? "1106" : "0401";
                        }
                        if (s.relElevation() > 0.55 && s.slopeDeg() > 2) {
                            return x < 0.7 ? "0301" : x < 0.85 ? "0305" : "0401";
                        }
                        if (s.relElevation() > 0.42 && x < 0.35) {
                            return "0301";
                        }
                        if (s.relElevation() < 0.4 && s.slopeDeg() < 3 && s.rank() < 0.5 && x < 0.4) {
                            return "0103";
                        }
                        return x < 0.06 ? "0403" : x < 0.08 ? "0404" : "0401";
                    }),
            // 香格里拉市: 1,503 m (金沙江 exit) to 5,545 m (巴拉格宗); valley, half-mountain, plateau and alpine belts.
            "533401", new CountyCharacter("533401", 1503, 5545, 4, 135, 1.4, 1.0, 0.9, 3, 3000, 0.55, 170,
                    "建塘镇", true, new int[] {10, 14},
                    Map.of("farmland", new double[] {350, 900}, "pasture", new double[] {20, 60}, "forest", new double[] {10, 35},
                            "garden", new double[] {500, 1200}, "facility", new double[] {800, 2400}),
                    1400, "香格里拉市立体产业带",
                    List.of(new BeltDef("valley", "河谷坝区带", 0, 2100, List.of("烤烟", "蔬菜", "冬青稞", "肉牛", "酿酒葡萄"), "#f4a259"),
                            new BeltDef("half_mountain", "半山药果带", 2100, 3000, List.of("中药材", "核桃", "水果", "羊肚菌"), "#8bc34a"),
                            new BeltDef("plateau", "高原青稞牦牛带", 3000, 4000, List.of("春青稞", "马铃薯", "玛咖", "牦牛", "藏香猪"), "#5b8def"),
                            new BeltDef("alpine", "高山生态带", 4000, 9000, List.of("生态保护", "夏季牧场"), "#b0bec5")),
                    List.of(new TargetDef(2025, "farmland_circulated_mu", 60_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "pasture_circulated_mu", 200_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "forest_circulated_mu", 150_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "high_standard_farmland_mu", 50_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "idle_homesteads_revitalized", 200, "宗", false, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "household_pv_kw", 5_000, "kW", true, SYNTHETIC_TARGET, true)),
                    (s, r) -> {
                        if (s.onRiver()) {
                            return "1101";
                        }
                        double e = s.elevation();
                        double x = r.nextDouble();
                        if (e > 5150) {
                            return "1110";
                        }
                        if (e > 4700) {
                            return x < 0.7 ? "1207" : "0404";
                        }
                        if (e > 4000) {
                            return x < 0.55 ? "0401" : x < 0.8 ? "0305" : "0404";
                        }
                        if (e > 3000) {
                            if (s.slopeDeg() < 7) {
                                return x < 0.35 ? "0103" : x < 0.85 ? "0401" : s.riverDistM() < 3000 ? "0402" : "0403";
                            }
                            return x < 0.6 ? "0301" : x < 0.75 ? "0305" : "0401";
                        }
                        if (e > 2100) {
                            if (s.slopeDeg() < 12 && x < 0.3) {
                                return "0103";
                            }
                            return x < 0.45 ? "0204" : x < 0.6 ? "0201" : x < 0.93 ? "0301" : "0307";
                        }
                        if (s.slopeDeg() < 15) {
                            return x < 0.5 ? "0103" : x < 0.62 ? "0101" : x < 0.72 ? "0102" : x < 0.85 ? "0201" : "0301";
                        }
                        return x < 0.7 ? "0301" : "0305";
                    }),
            // 庆元县: 浙南 mountains ~200–1,900 m (百山祖 1,856 m); paddy in narrow valleys, tea and bamboo on slopes,
            // forest everywhere else; edible fungi are the leading industry.
            "331126", new CountyCharacter("331126", 200, 1900, 5, 270, 0.5, 1.0, 0.9, 3, 800, 0.5, 120,
                    "松源街道", false, new int[] {5, 9},
                    Map.of("farmland", new double[] {450, 950}, "pasture", new double[] {30, 80}, "forest", new double[] {20, 60},
                            "garden", new double[] {700, 1600}, "facility", new double[] {1000, 3000}),
                    1050, "庆元县山地立体农业带",
                    List.of(new BeltDef("low_valley", "低山河谷带", 0, 500, List.of("水稻", "食用菌", "甜橘柚", "锥栗"), "#f4a259"),
                            new BeltDef("mid_mountain", "中山茶菌带", 500, 1000, List.of("茶叶", "高山蔬菜", "食用菌", "毛竹"), "#8bc34a"),
                            new BeltDef("high_mountain", "高山生态带", 1000, 9000, List.of("高山茶", "冷水茭白", "中药材", "林下经济"), "#2e7d32")),
                    List.of(new TargetDef(2025, "farmland_circulated_mu", 45_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "forest_circulated_mu", 120_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "high_standard_farmland_mu", 60_000, "亩", true, SYNTHETIC_TARGET, true),
                            new TargetDef(2025, "idle_homesteads_revitalized", 100, "宗", false, "庆元县规划目标：盘活闲置农房100幢（10个村）", false),
                            new TargetDef(2025, "villages_with_revitalized_homesteads", 10, "村", false, "庆元县规划目标：盘活闲置农房100幢（10个村）", false),
                            new TargetDef(2025, "household_pv_kw", 12_000, "kW", true, SYNTHETIC_TARGET, true)),
                    (s, r) -> {
                        if (s.onRiver()) {
                            return "1101";
                        }
                        double x = r.nextDouble();
                        if (s.riverDistM() < 900 && s.slopeDeg() < 14) {
                            return x < 0.62 ? "0101" : x < 0.72 ? "0103" : x < 0.8 ? "0202" : x < 0.87 ? "0201" : x < 0.9 ? "1104" : "0301";
                        }
                        double e = s.elevation();
                        if (e > 1200) {
                            return x < 0.8 ? "0301" : x < 0.88 ? "0305" : x < 0.93 ? "0202" : "0404";
                        }
                        if (e > 500 && x < 0.08) {
                            return "0202";
                        }
                        return x < 0.55 ? "0301" : x < 0.78 ? "0302" : x < 0.84 ? "0307" : x < 0.88 ? "0204" : x < 0.92 ? "0103" : "0305";
                    }));
}
