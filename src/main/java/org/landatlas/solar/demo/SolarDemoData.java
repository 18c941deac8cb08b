package org.landatlas.solar.demo;

import static org.landatlas.demodata.DemoGeometry.round2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.landatlas.demodata.LocalProjection;
import org.landatlas.demodata.People;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Distribution transformers around each village seat, and rooftop PV on the roofs other parts offer (homesteads,
 * sheds, greenhouses), each connected to its nearest transformer up to the transformer's hosting share; sites
 * beyond it wait in a queue.
 */
@Component
@Order(600)
class SolarDemoData implements DemoDataPart {

    static final DemoTable TRANSFORMER = DemoTable.serial("distribution_transformer", "id", "county_code", "village_code", "name",
            "asset_no", "rated_kva", "voltage_kv", "pv_hosting_ratio", "synthetic", "geom");
    static final DemoTable PV_SITE = DemoTable.serial("pv_site", "id", "county_code", "village_code", "site_kind", "homestead_id",
            "facility_id", "parcel_id", "roof_type", "roof_area_m2", "usable_area_m2", "capacity_kw", "annual_hours", "grid_mode",
            "owner_type", "status", "filing_no", "transformer_id", "queue_position", "connected_on", "synthetic", "geom");

    /** Share of a transformer's rating that household PV may take (grid-company rule of thumb). */
    private static final double PV_HOSTING_RATIO = 0.25;

    @Override
    public List<DemoTable> tables() {
        return List.of(TRANSFORMER, PV_SITE);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        Grid grid = new Grid(county);
        county.onRoof(grid::pv);
        return new CountyWork() {
            @Override
            public void village(DemoVillage village) {
                grid.transformers(village);
            }
        };
    }

    /** A transformer of the village being built on; position in millimetres so that distances match exactly. */
    private record Transformer(long id, long xMm, long yMm, long ratedKva) {
    }

    private static final class Grid {
        private final DemoCounty c;
        private final String county;
        private final SplittableRandom rnd;
        private final CopyTable transformers;
        private final CopyTable pvSites;
        private final List<Transformer> villageTransformers = new ArrayList<>();
        /** Per transformer of the village: kW taken, sites queued. */
        private final Map<Long, double[]> load = new HashMap<>();

        Grid(DemoCounty c) {
            this.c = c;
            this.county = c.code();
            this.rnd = c.rnd();
            this.transformers = c.rows(TRANSFORMER);
            this.pvSites = c.rows(PV_SITE);
        }

        /** Transformers sit around the village seat, one per ~180 households. */
        void transformers(DemoVillage vr) {
            villageTransformers.clear();
            load.clear();
            int nt = Math.min(4, 1 + vr.householdCount() / 180);
            int[] sizes = c.character().pastoral() ? new int[] {100, 200, 315, 400} : new int[] {200, 315, 400, 630};
            for (int k = 0; k < nt; k++) {
                long id = transformers.nextId();
                Coordinate p = new Coordinate(vr.seat().x + (rnd.nextDouble() - 0.5) * vr.fieldSpacing() * 2,
                        vr.seat().y + (rnd.nextDouble() - 0.5) * vr.fieldSpacing() * 2);
                if (!vr.local().contains(LocalProjection.LOCAL.createPoint(p))) {
                    p = vr.seat();
                }
                int kva = sizes[rnd.nextInt(sizes.length)];
                villageTransformers.add(new Transformer(id, Math.round(p.x * 1000), Math.round(p.y * 1000), kva));
                transformers.add(id, county, vr.code(), vr.shortName() + (k + 1) + "号台区", county + "TQ" + String.format("%06d", id),
                        kva, 10, PV_HOSTING_RATIO, true, c.point(p));
            }
        }

        void pv(DemoCounty.Roof roof) {
            long id = pvSites.nextId();
            double roofArea = round2(Geodesy.area(roof.outline()));
            double usable = round2(roofArea * roof.usableRatio());
            // 150 W per m² of usable roof.
            double kw = round2(usable * 0.15);
            if (kw <= 0) {
                return;
            }
            Point centre = roof.outline().getCentroid();
            double lx = c.projection().toX(centre.getX());
            double ly = c.projection().toY(centre.getY());
            Transformer nearest = villageTransformers.get(0);
            for (Transformer tr : villageTransformers) {
                if (Math.hypot(tr.xMm() / 1000.0 - lx, tr.yMm() / 1000.0 - ly) < Math.hypot(nearest.xMm() / 1000.0 - lx, nearest.yMm() / 1000.0 - ly)) {
                    nearest = tr;
                }
            }
            double x = rnd.nextDouble();
            String status = x < 0.33 ? "candidate" : x < 0.48 ? "surveyed" : x < 0.58 ? "filed" : x < 0.66 ? "approved" : x < 0.71 ? "building"
                    : x < 0.98 ? "connected" : "rejected";
            Integer queue = null;
            double[] tl = load.computeIfAbsent(nearest.id(), k -> new double[] {0, 0});
            boolean takesCapacity = switch (status) {
                case "filed", "approved", "building", "connected" -> true;
                default -> false;
            };
            // A transformer takes household PV up to a quarter of its rating; beyond that sites wait in a queue.
            double hosting = nearest.ratedKva() * PV_HOSTING_RATIO;
            if (takesCapacity && tl[0] + kw > hosting) {
                status = "surveyed";
                tl[1]++;
                queue = (int) tl[1];
            } else if (takesCapacity) {
                tl[0] += kw;
            }
            String mode = People.pick(new String[] {"full_export", "full_export", "self_use_surplus_export", "self_use_surplus_export", "full_self_use"}, rnd);
            boolean filedOrLater = switch (status) {
                case "filed", "approved", "building", "connected" -> true;
                default -> false;
            };
            pvSites.add(id, county, roof.village().code(), roof.siteKind(), roof.homesteadId(), roof.facilityId(), roof.parcelId(),
                    roof.roofType(), roofArea, usable, kw, c.character().pvAnnualHours(), mode, roof.ownerType(), status,
                    filedOrLater ? county + "PV" + String.format("%07d", id) : null, nearest.id(), queue,
                    "connected".equals(status) ? c.asOf().minusDays(rnd.nextInt(1400)) : null, true, roof.outline());
        }
    }
}
