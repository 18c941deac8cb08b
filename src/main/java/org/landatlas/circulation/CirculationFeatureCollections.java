package org.landatlas.circulation;

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
 * The OGC API collections of circulation: listings (the public sees the listings on offer, the same public rows as
 * GraphQL and the tiles; staff every listing of their counties) and the 确权 contract plots (staff of the plot's
 * county only, as GraphQL's contractPlots). Nothing of schema {@code personal}: no household names or numbers of
 * identity, and no 四至 (a registration's boundary descriptions often name the neighbouring contractors).
 */
@Configuration(proxyBeanMethods = false)
class CirculationFeatureCollections {

    @Bean
    @Order(900)
    FeatureCollectionSource listingCollection() {
        return FeatureCollectionSource.builder("circulation_listings")
                .title("流转挂牌 Circulation listings")
                .description("Land and facilities offered for circulation (the public sees those on offer).")
                .polygons("circulation_listing t", "t.geom")
                .property("listing_no", "t.listing_no", STRING, "挂牌编号 Listing number")
                .property("title", "t.title", STRING, "标题 Title")
                .property("land_kind", "t.land_kind", STRING, "土地类型 Land kind: farmland, pasture, forest, garden, facility, mixed")
                .property("pooled", "t.pooled", BOOLEAN, "连片/整村流转 Pooled from several households")
                .property("area_mu", "t.area_mu", NUMBER, "面积 Area, mu")
                .property("price_yuan_per_mu_year", "t.price_yuan_per_mu_year", NUMBER, "价格 Price, yuan per mu and year (null: negotiable)")
                .property("term_years", "t.term_years", INTEGER, "期限 Term, years")
                .property("mode", "t.mode", STRING, "方式 Mode: lease, equity, other")
                .property("intended_use", "t.intended_use", STRING, "拟用途 Intended use")
                .property("listed_on", "t.listed_on", DATE, "挂牌日期 Listed on")
                .property("expires_on", "t.expires_on", DATE, "截止日期 Expires on")
                .property("status", "t.status", STRING, "状态 Status: draft, listed, negotiating, contracted, withdrawn, expired")
                .property("road_access_m", "round(t.road_access_m::numeric, 1)", NUMBER, "距道路 Distance to the nearest road, m")
                .property("contact_office", "t.contact_office", STRING, "联系机构 Township service office")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("village_code", "t.village_code", STRING, "村代码 Village code")
                .temporal("t.listed_on")
                .publicRows(CirculationPublicRows.LISTINGS)
                .build();
    }

    @Bean
    @Order(910)
    FeatureCollectionSource contractPlotCollection() {
        return FeatureCollectionSource.builder("contract_plots")
                .title("确权承包地块 Contract plots")
                .description("Plots of the rural land contract-right registration (确权, imported with profile cbdk). Staff of the plot's county only.")
                .polygons("contract_plot t", "t.geom")
                .property("DKBM", "t.dkbm", STRING, "地块编码 Plot code (19 digits)")
                .property("DKMC", "t.dkmc", STRING, "地块名称 Plot name")
                .property("SYQXZ", "t.syqxz", STRING, "所有权性质 Ownership nature (10, 30–34)")
                .property("DKLB", "t.dklb", STRING, "地块类别 Plot category (10 承包地块, 21 自留地, 22 机动地, 23 开荒地, 24/99 其他)")
                .property("TDLYLX", "t.tdlylx", STRING, "土地利用类型 Land-use type (land-class code)")
                .property("DLDJ", "t.dldj", STRING, "地力等级 Fertility grade (01–10)")
                .property("TDYT", "t.tdyt", STRING, "土地用途 Land use (1 种植业 … 5 其他)")
                .property("SFJBNT", "t.sfjbnt", BOOLEAN, "是否基本农田 Basic farmland")
                .property("SCMJ", "t.scmj_m2", NUMBER, "实测面积 Measured area as registered, m²")
                .property("CBHTBM", "t.cbhtbm", STRING, "承包合同编码 Contract number")
                .property("LZHTBM", "t.lzhtbm", STRING, "流转合同编码 Transfer contract number")
                .property("CBJYQZBM", "t.cbjyqzbm", STRING, "承包经营权证编码 Certificate number")
                .property("FBFBM", "t.fbfbm", STRING, "发包方编码 Employer (village group) code")
                .property("CBFBM", "t.cbfbm", STRING, "承包方编码 Contractor (household) code")
                .property("area_m2", "round(t.area_m2::numeric, 2)", NUMBER, "椭球面积 Ellipsoidal area of the polygon, m²")
                .property("county_code", "t.county_code", STRING, "县代码 County code")
                .property("village_code", "t.village_code", STRING, "村代码 Village code")
                .staffOnly()
                .build();
    }
}
