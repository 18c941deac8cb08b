package org.landatlas.circulation.demo;

import static org.landatlas.demodata.DemoGeometry.multi;
import static org.landatlas.demodata.DemoGeometry.round2;
import static org.landatlas.demodata.DemoGeometry.shrink;

import java.time.LocalDate;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoParcel;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.landatlas.demodata.People;
import org.landatlas.platform.Mu;
import org.locationtech.jts.geom.Polygon;

/**
 * Farm facilities (greenhouses, sheds, cold stores …) on facility plots: some idle, some listed for lease. Their
 * roofs are offered for PV.
 */
final class IdleFacilities {

    private final DemoCounty c;
    private final SplittableRandom rnd;
    private final LandMarket market;
    private final CopyTable facilities;
    private final CopyTable listings;
    private final CopyTable listingParcels;

    IdleFacilities(DemoCounty c, LandMarket market) {
        this.c = c;
        this.rnd = c.rnd();
        this.market = market;
        this.facilities = c.rows(CirculationDemoData.IDLE_FACILITY);
        this.listings = c.rows(CirculationDemoData.LISTING);
        this.listingParcels = c.rows(CirculationDemoData.LISTING_PARCEL);
    }

    void build(DemoParcel p) {
        DemoVillage vr = p.village();
        String county = c.code();
        LocalDate asOf = c.asOf();
        long id = facilities.nextId();
        String kind = c.character().pastoral()
                ? People.pick(new String[] {"livestock_shed", "livestock_shed", "greenhouse", "drying_yard", "warehouse"}, rnd)
                : People.pick(new String[] {"greenhouse", "greenhouse", "livestock_shed", "cold_storage", "warehouse"}, rnd);
        Polygon footprint = shrink(p.lonLat(), 0.7);
        double x = rnd.nextDouble();
        String status = x < 0.55 ? "in_use" : x < 0.8 ? "idle" : x < 0.92 ? "listed" : "circulated";
        Long listingId = null;
        String label = switch (kind) {
            case "greenhouse" -> "日光温室";
            case "livestock_shed" -> "养殖棚圈";
            case "drying_yard" -> "晾晒场";
            case "cold_storage" -> "冷库";
            default -> "农用仓库";
        };
        if ("listed".equals(status)) {
            listingId = listings.nextId();
            LocalDate listed = asOf.minusDays(rnd.nextInt(200));
            double mu = round2(p.areaM2() / Mu.M2_PER_MU);
            listings.add(listingId, county + "GP" + listed.getYear() + String.format("%06d", listingId), county, vr.code(),
                    vr.shortName() + "闲置" + label + "出租", "facility", false, mu, market.rent("facility"), 3 + rnd.nextInt(8), "lease",
                    "设施农业", listed, asOf.plusDays(60 + rnd.nextInt(120)), "listed", round2(c.roadDistance(p.lonLat())),
                    LandMarket.office(vr), true, multi(footprint), java.util.List.of("lease"), 1);
            listingParcels.add(listingId, p.id(), county);
            // The facility's plot is on offer with it (a contract made later in the market outranks this).
            if (!"circulated".equals(p.circulation())) {
                p.circulation("listed");
            }
            market.history(null, listingId, null, "listed", listed, LandMarket.office(vr), "闲置设施挂牌");
        }
        facilities.add(id, county, vr.code(), p.id(), kind, vr.shortName() + label + id, 2005 + rnd.nextInt(18),
                round2(Geodesy.area(footprint)), People.pick(new String[] {"good", "fair", "fair", "poor"}, rnd), status, listingId, true,
                multi(footprint));
        if (("livestock_shed".equals(kind) || "greenhouse".equals(kind)) && rnd.nextDouble() < 0.35) {
            c.offerRoof(new DemoCounty.Roof(vr, "livestock_shed".equals(kind) ? "livestock_shed" : "greenhouse", null, id, p.id(),
                    "greenhouse".equals(kind) ? "film" : "color_steel", footprint, 0.7,
                    rnd.nextDouble() < 0.6 ? "non_natural_person" : "natural_person"));
        }
    }
}
