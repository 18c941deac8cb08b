package org.landatlas.circulation;

import static org.landatlas.tiles.TileFilter.adminCode;
import static org.landatlas.tiles.TileFilter.values;

import org.landatlas.parcel.ParcelUseFacts;
import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The vector-tile layers of circulation: listings (the public sees the same listings as in GraphQL), and the
 * staff-only contracts and supervision findings ({@link CirculationPublicRows#STAFF_ONLY}: the public gets empty
 * tiles, staff their counties' rows, administrators all).
 */
@Configuration(proxyBeanMethods = false)
class CirculationTileLayers {

    @Bean
    @Order(900)
    TileSource listingTiles() {
        return TableTileSource.builder("circulation_listings")
                .title("流转挂牌 Circulation listings")
                .description("Land and facilities offered for circulation.")
                .polygons("circulation_listing t", "t.geom")
                .zooms(8, 22)
                .attribute("id", "t.id")
                .attribute("status", "t.status")
                .attribute("land_kind", "t.land_kind")
                .attribute("area_mu", "t.area_mu::float8")
                .attribute("price", "t.price_yuan_per_mu_year::float8")
                .attributeFrom(12, "title", "t.title")
                .attributeFrom(12, "term_years", "t.term_years")
                .filter("status", values("t.status", ListingStatus.ALL.toArray(String[]::new)))
                .filter("land_kind", values("t.land_kind", "farmland", "pasture", "forest", "garden", "facility", "mixed"))
                .filter("admin_code", adminCode("t.village_code"))
                .invalidatedBy("circulation_listing")
                .publicRows(CirculationPublicRows.LISTINGS)
                .build();
    }

    /** Contracts coloured by the status they show (EXPIRING derived, as in GraphQL). */
    @Bean
    @Order(910)
    TileSource contractTiles(CirculationProperties properties) {
        String status = CirculationQueries.shownStatusSql("t", properties.expiringDays());
        return TableTileSource.builder("circulation_contracts")
                .title("流转合同 Circulation contracts")
                .description("Contracts by the status they show (expiring derived). Staff of the contract's county only.")
                .polygons("circulation_contract t", "t.geom")
                .zooms(8, 22)
                .attribute("id", "t.id")
                .attribute("status", status)
                .attribute("mode", "t.mode")
                .attribute("land_kind", "t.land_kind")
                .attribute("area_mu", "t.area_mu::float8")
                .attributeFrom(12, "contract_no", "t.contract_no")
                .filter("status", values(status, "draft", "signed", "filed", "active", "expiring", "expired", "terminated", "disputed"))
                .filter("admin_code", adminCode("t.village_code"))
                .invalidatedBy("circulation_contract")
                .publicRows(CirculationPublicRows.STAFF_ONLY)
                .build();
    }

    /** The supervision findings (用途监管) as the polygons of the parcels concerned, by kind. */
    @Bean
    @Order(920)
    TileSource supervisionTiles(CirculationSupervision supervision) {
        return TableTileSource.builder("circulation_supervision")
                .title("用途监管 Use supervision")
                .description("Supervision findings (non-grain, non-agricultural, expiring, mortgaged, overdue disputes) over the parcels concerned. Staff only.")
                .polygons("(" + supervision.findingsSql() + ") t", "t.geom")
                .zooms(8, 22)
                .featureId("t.fid")
                .attribute("kind", "t.kind")
                .attribute("contract_id", "t.contract_id")
                .attributeFrom(12, "contract_no", "t.contract_no")
                .attributeFrom(12, "finding", "t.finding_key")
                .filter("kind", values("t.kind", "non_grain", "non_agricultural", "expiring", "mortgaged", "dispute_overdue"))
                .filter("admin_code", adminCode("t.village_code"))
                .invalidatedBy("circulation_contract", "circulation_mortgage", "circulation_dispute", ParcelUseFacts.TABLE)
                .publicRows(CirculationPublicRows.STAFF_ONLY)
                .build();
    }
}
