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
 * The OGC API collection of circulation listings: the public sees the listings on offer (the same public rows as
 * GraphQL and the tiles), staff every listing of their counties. Only the listing itself: no household, contract or
 * anything of schema {@code personal}.
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
}
