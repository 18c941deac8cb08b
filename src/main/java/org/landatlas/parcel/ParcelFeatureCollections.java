package org.landatlas.parcel;

import static org.landatlas.ogcapi.FeatureCollectionSource.Type.BOOLEAN;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.DATE;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.INTEGER;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.NUMBER;
import static org.landatlas.ogcapi.FeatureCollectionSource.Type.STRING;

import org.landatlas.ogcapi.FeatureCollectionSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The OGC API collections of parcels (the DLTB fields under their survey names, as the exports write them, and
 * LandAtlas's own attributes), protection zones and high-standard farmland projects. Parcels and these overlays are
 * public; nothing personal is in them.
 */
@Configuration(proxyBeanMethods = false)
class ParcelFeatureCollections {

    @Bean
    @Order(100)
    FeatureCollectionSource parcelCollection() {
        return FeatureCollectionSource.builder("parcels")
                .title("地类图斑 Land parcels")
                .description("三调地类图斑 (DLTB) land-survey parcels with LandAtlas's land-class group, protection and circulation flags.")
                // No join in FROM: numberMatched is then a count over land_parcel alone (a join to land_class made it ten times
                // dearer), and the keyset page stays a walk along the primary key. The group is looked up per row.
                .polygons("land_parcel t", "t.geom")
                .property("BSM", "t.bsm", STRING, "标识码 Identifier")
                .property("TBBH", "t.tbbh", STRING, "图斑编号 Parcel number")
                .property("DLBM", "t.dlbm", STRING, "地类编码 Land-class code")
                .property("DLMC", "t.dlmc", STRING, "地类名称 Land-class name")
                .property("QSXZ", "t.qsxz", STRING, "权属性质 Ownership kind")
                .property("QSDWDM", "t.qsdwdm", STRING, "权属单位代码 Owning unit code")
                .property("QSDWMC", "t.qsdwmc", STRING, "权属单位名称 Owning unit (a collective, not a person)")
                .property("ZLDWDM", "t.zldwdm", STRING, "坐落单位代码 Location unit code")
                .property("ZLDWMC", "t.zldwmc", STRING, "坐落单位名称 Location unit")
                .property("TBMJ", "t.tbmj", NUMBER, "图斑面积 Parcel area, m²")
                .property("KCDLBM", "t.kcdlbm", STRING, "扣除地类编码 Deducted land-class code")
                .property("KCXS", "t.kcxs", NUMBER, "扣除系数 Deduction factor")
                .property("KCMJ", "t.kcmj", NUMBER, "扣除面积 Deducted area, m²")
                .property("TBDLMJ", "t.tbdlmj", NUMBER, "图斑地类面积 Net land-class area, m²")
                .property("GDLX", "t.gdlx", STRING, "耕地类型 Cropland type (TT terraced, PD sloping, FD flat)")
                .property("GDPDJB", "t.gdpdjb", STRING, "耕地坡度级别 Cropland slope grade")
                .property("ZZSXDM", "t.zzsxdm", STRING, "种植属性代码 Planting attribute code")
                .property("ZZSXMC", "t.zzsxmc", STRING, "种植属性名称 Planting attribute")
                .property("GDDB", "t.gddb", INTEGER, "耕地等别 Cropland grade")
                .property("CZCSXM", "t.czcsxm", STRING, "城镇村属性码 Urban/village attribute code")
                .property("SJNF", "t.sjnf", INTEGER, "数据年份 Data year")
                .property("BZ", "t.bz", STRING, "备注 Remarks")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("village_code", "t.village_code", STRING, "村代码 Village code")
                .property("class_group", "(SELECT lc.class_group FROM land_class lc WHERE lc.class_system = t.class_system AND lc.code = t.dlbm)", STRING, "地类组 Land-class group")
                .property("area_mu", "round(t.area_mu::numeric, 2)", NUMBER, "椭球面积 Ellipsoidal area, mu")
                .property("is_permanent_basic_farmland", "t.is_permanent_basic_farmland", BOOLEAN, "永久基本农田 Permanent basic farmland")
                .property("is_high_standard_farmland", "t.is_high_standard_farmland", BOOLEAN, "高标准农田 High-standard farmland")
                .property("circulation_status", "t.circulation_status", STRING, "流转状态 Circulation: none, listed, circulated")
                .property("updated_at", "t.updated_at", DATE, "更新时间 Last change")
                .temporal("t.updated_at")
                .build();
    }

    @Bean
    @Order(600)
    FeatureCollectionSource protectionZoneCollection() {
        return FeatureCollectionSource.builder("protection_zones")
                .title("保护区 Protection zones")
                .description("永久基本农田保护区、生态保护红线、禁牧/休牧/草畜平衡区、畜禽养殖分区 Permanent basic farmland, ecological red line, grazing and livestock zones.")
                .polygons("protection_zone t", "t.geom")
                .property("zone_type", "t.zone_type", STRING, "类型 Zone type: permanent_basic_farmland, ecological_red_line, grazing_ban, rest_grazing, "
                        + "grass_livestock_balance, livestock_suitable, livestock_restricted, livestock_prohibited")
                .property("name", "t.name", STRING, "名称 Name")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("designated_year", "t.designated_year", INTEGER, "划定年份 Year designated")
                .property("authority", "t.authority", STRING, "批准机关 Authority")
                .property("rules", "t.rules", STRING, "管控规则 Rules (e.g. rest-grazing months)")
                .property("area_mu", "round((t.area_m2 * 3 / 2000)::numeric, 2)", NUMBER, "面积 Area, mu")
                .build();
    }

    @Bean
    @Order(650)
    FeatureCollectionSource highStandardFarmlandCollection() {
        return FeatureCollectionSource.builder("high_standard_farmland")
                .title("高标准农田建设项目 High-standard farmland projects")
                .description("Project polygons with status and year.")
                .polygons("high_standard_farmland_project t", "t.geom")
                .property("project_no", "t.project_no", STRING, "项目编号 Project number")
                .property("name", "t.name", STRING, "项目名称 Name")
                .property("project_year", "t.project_year", INTEGER, "建设年度 Year")
                .property("status", "t.status", STRING, "状态 Status: planned, building, completed, accepted")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("township_code", "t.township_code", STRING, "乡镇代码 Township code")
                .property("investment_wan_yuan", "t.investment_wan_yuan", NUMBER, "投资 Investment, 10,000 yuan")
                .property("planned_area_mu", "t.planned_area_mu", NUMBER, "规划面积 Planned area, mu")
                .property("area_mu", "round((t.area_m2 * 3 / 2000)::numeric, 2)", NUMBER, "面积 Area, mu")
                .build();
    }
}
