package org.landatlas.solar.demo;

import static org.landatlas.demodata.DemoGeometry.round2;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Each county's PV assumptions (coal benchmark of its grid, hours, hosting rule), a main transformer and one 10 kV
 * line per township above the distribution transformers around each village seat, and rooftop PV on the roofs other
 * parts offer (homesteads, sheds, greenhouses) and on some homesteads' yards, each on its nearest transformer. Connections never exceed a
 * transformer's hosting capacity (by the county's rule); filings beyond it wait in the filing-order queue.
 * <p>
 * Draws of the original part come from the county's generator in the original order; what this part added since
 * (grid facts, survey facts, filing times) comes from a generator of its own, so the other parts' rows stay as they were.
 */
@Component
@Order(600)
class SolarDemoData implements DemoDataPart {

    static final DemoTable ASSUMPTION = DemoTable.keyed("pv_county_assumption", "county_code", "grid_region", "watts_per_m2", "annual_hours",
            "reference_altitude_m", "hours_gain_per_1000m", "benchmark_price", "benchmark_verified", "retail_price", "self_use_share",
            "investment_yuan_per_kw", "collective_share", "hosting_rule", "hosting_share", "source", "synthetic");
    static final DemoTable UPSTREAM = DemoTable.serial("grid_upstream", "id", "county_code", "kind", "name", "parent_id", "open_capacity_kw",
            "published_on", "synthetic");
    static final DemoTable TRANSFORMER = DemoTable.serial("distribution_transformer", "id", "county_code", "village_code", "name",
            "asset_no", "rated_kva", "voltage_kv", "pv_hosting_ratio", "min_noon_load_kw", "other_generation_kw", "storage_charge_kw",
            "parallel_count", "upstream_id", "synthetic", "geom");
    static final DemoTable PV_SITE = DemoTable.serial("pv_site", "id", "county_code", "village_code", "site_kind", "homestead_id",
            "facility_id", "parcel_id", "roof_type", "roof_area_m2", "usable_area_m2", "capacity_kw", "annual_hours", "grid_mode",
            "owner_type", "status", "filing_no", "transformer_id", "connected_on", "tilt_deg", "azimuth_deg", "altitude_m",
            "collective_invested", "filed_at", "reject_reason", "synthetic", "geom");

    /** The household's consent of every site filed or later (the signer is a synthetic name), and each site's status as the demo found it. */
    static final DemoTable CONSENT = DemoTable.keyed("pv_site_consent", "site_id", "consent_on", "signed_by", "document_ref", "recorded_by", "county_code");
    static final DemoTable HISTORY = DemoTable.serial("pv_site_status_history", "id", "site_id", "from_status", "to_status", "changed_at", "changed_by",
            "reason", "county_code");

    /** The PV figures of a demo county: grid region, coal benchmark (元/kWh), whether that figure is published, retail price, hosting rule. */
    record CountyPv(String region, double benchmark, boolean verified, double retail, String rule, Double referenceAltitude, double gainPer1000m,
                    double collectiveShare, String source) {
    }

    /** Domain reference §4.2: 浙江 0.4153, 云南 0.3358, 蒙东 0.3035; 蒙西 not published (0.2829 commonly quoted, configurable). */
    static final Map<String, CountyPv> COUNTIES = Map.of(
            "150627", new CountyPv("蒙西", 0.2829, false, 0.43, "share", null, 0, 0.3,
                    "蒙西燃煤基准价未见公布: 0.2829 为常用数, 可配置 (unverified, configurable)"),
            "150724", new CountyPv("蒙东", 0.3035, true, 0.43, "dlt2041", null, 0, 0.3, "蒙东燃煤基准价 303.5 元/MWh; 承载力 DL/T 2041-2025"),
            "533401", new CountyPv("云南", 0.3358, true, 0.45, "share", 3300.0, 0.05, 0.3,
                    "云南存量机制电价 0.3358 元/kWh; 海拔修正 +5 %/1000 m above 3,300 m (demo assumption)"),
            "331126", new CountyPv("浙江", 0.4153, true, 0.538, "share", null, 0, 0.4, "浙江燃煤基准价 0.4153 元/kWh; 庆元村集体光伏 集体分成 40 %"));

    private static final String[] REJECT_REASONS = {"屋顶结构不满足荷载要求", "农户撤回同意", "台区无可开放容量且农户放弃排队", "屋顶产权不清"};

    @Override
    public List<DemoTable> tables() {
        return List.of(ASSUMPTION, UPSTREAM, TRANSFORMER, PV_SITE, CONSENT, HISTORY);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        Grid grid = new Grid(county);
        county.onRoof(grid::pv);
        return new CountyWork() {
            @Override
            public void ground() {
                grid.assumptions();
            }

            @Override
            public void village(DemoVillage village) {
                grid.transformers(village);
            }
        };
    }

    /** A transformer of the village being built on; position in millimetres so that distances match exactly. */
    private record Transformer(long id, long xMm, long yMm, long ratedKva, double hostingKw) {
    }

    private static final class Grid {
        private final DemoCounty c;
        private final String county;
        private final SplittableRandom rnd;
        /** Draws added after the original part: its own sequence, so the county's generator is drawn exactly as before. */
        private final SplittableRandom more;
        /** The yard sites' own draws, added after the roofs: the roofs' rows stay as they were. */
        private final SplittableRandom yards;
        private final CopyTable assumptions;
        private final CopyTable upstream;
        private final CopyTable transformers;
        private final CopyTable pvSites;
        private final CopyTable consents;
        private final CopyTable history;
        private final CountyPv pv;
        private final List<Transformer> villageTransformers = new ArrayList<>();
        /** Per transformer of the village: kW connected. */
        private final Map<Long, double[]> load = new HashMap<>();
        private final Map<String, Long> lineOfTownship = new HashMap<>();
        private long mainTransformer;

        Grid(DemoCounty c) {
            this.c = c;
            this.county = c.code();
            this.rnd = c.rnd();
            this.more = new SplittableRandom(31L * c.code().hashCode() + 2026);
            this.yards = new SplittableRandom(31L * c.code().hashCode() + 2027);
            this.assumptions = c.rows(ASSUMPTION);
            this.upstream = c.rows(UPSTREAM);
            this.transformers = c.rows(TRANSFORMER);
            this.pvSites = c.rows(PV_SITE);
            this.consents = c.rows(CONSENT);
            this.history = c.rows(HISTORY);
            this.pv = COUNTIES.getOrDefault(c.code(), new CountyPv("未配置", 0.35, false, 0.5, "share", null, 0, 0.3, "默认值 (defaults)"));
        }

        void assumptions() {
            assumptions.add(county, pv.region(), 150.0, c.character().pvAnnualHours(), pv.referenceAltitude(), pv.gainPer1000m(), pv.benchmark(),
                    pv.verified(), pv.retail(), 0.3, 3500.0, pv.collectiveShare(), pv.rule(), 0.25, pv.source(), true);
            mainTransformer = upstream.nextId();
            upstream.add(mainTransformer, county, "main_transformer", c.shortName() + "110kV变电站 1号主变", null, 20_000.0, c.asOf(), true);
        }

        private long line(DemoVillage vr) {
            return lineOfTownship.computeIfAbsent(vr.township().code(), k -> {
                long id = upstream.nextId();
                // The county's third 10 kV line is published with no open capacity: its transformers are red.
                double open = lineOfTownship.size() == 2 ? 0 : 1500 + more.nextInt(3000);
                upstream.add(id, county, "line_10kv", vr.township().name() + "10kV线", mainTransformer, open, c.asOf(), true);
                return id;
            });
        }

        /** Transformers sit around the village seat, one per ~180 households. */
        void transformers(DemoVillage vr) {
            villageTransformers.clear();
            load.clear();
            long line = line(vr);
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
                double minLoad = round2(kva * (0.05 + more.nextDouble() * 0.1));
                double other = more.nextDouble() < 0.1 ? round2(kva * 0.05) : 0;
                int parallel = kva >= 400 && more.nextDouble() < 0.15 ? 2 : 1;
                villageTransformers.add(new Transformer(id, Math.round(p.x * 1000), Math.round(p.y * 1000), kva, hosting(kva, minLoad, other, parallel)));
                transformers.add(id, county, vr.code(), vr.shortName() + (k + 1) + "号台区", county + "TQ" + String.format("%06d", id),
                        kva, 10, null, minLoad, other, 0.0, parallel, line, true, c.point(p));
            }
        }

        /** The hosting capacity by the county's rule, as the view distribution_transformer_load computes it (its defaults). */
        private double hosting(int kva, double minLoad, double other, int parallel) {
            if ("dlt2041".equals(pv.rule())) {
                double beta = parallel > 1 ? (parallel - 1.0) / parallel * 1.0 : 0.8;
                return Math.max(0, (minLoad - other + beta * kva * 0.95) / 1.0);
            }
            return kva * 0.25;
        }

        void pv(DemoCounty.Roof roof) {
            site(roof, rnd, more);
            // 庭院光伏: about one in three homesteads whose roof is offered also has a frame over the yard south of the
            // house. Drawn from this part's own generator, so the county's draws stay as they were.
            if ("homestead_roof".equals(roof.siteKind()) && yards.nextDouble() < 0.3) {
                Polygon yard = yardSouthOf(roof.outline());
                if (yard != null) {
                    site(new DemoCounty.Roof(roof.village(), "yard", roof.homesteadId(), null, roof.parcelId(), "ground", yard,
                            0.8, roof.ownerType()), yards, yards);
                }
            }
        }

        /**
         * A strip of the yard south of a house: the house's width less a tenth on each side, from 5 % to 35 % of its
         * depth below it. The house is its plot shrunk to half about an inner point, so the strip stays on the plot.
         */
        private Polygon yardSouthOf(Polygon house) {
            Geometry local = c.projection().toLocal(house);
            Envelope e = local.getEnvelopeInternal();
            double w = e.getWidth();
            double d = e.getHeight();
            if (w < 4 || d < 4) {
                return null;
            }
            Polygon strip = LocalProjection.LOCAL.createPolygon(new Coordinate[] {
                    new Coordinate(e.getMinX() + 0.1 * w, e.getMinY() - 0.35 * d), new Coordinate(e.getMaxX() - 0.1 * w, e.getMinY() - 0.35 * d),
                    new Coordinate(e.getMaxX() - 0.1 * w, e.getMinY() - 0.05 * d), new Coordinate(e.getMinX() + 0.1 * w, e.getMinY() - 0.05 * d),
                    new Coordinate(e.getMinX() + 0.1 * w, e.getMinY() - 0.35 * d)});
            Polygon lonLat = (Polygon) c.projection().toLonLat(strip);
            lonLat.setSRID(4490);
            return lonLat;
        }

        /** One site on a roof or yard; {@code rnd} and {@code more} are the generators its draws come from (they shadow the fields). */
        private void site(DemoCounty.Roof roof, SplittableRandom rnd, SplittableRandom more) {
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
            String status = x < 0.33 ? "candidate" : x < 0.48 ? "surveyed" : x < 0.66 ? "filed" : x < 0.71 ? "built" : x < 0.98 ? "connected" : "rejected";
            double[] tl = load.computeIfAbsent(nearest.id(), k -> new double[] {0});
            // A transformer never carries more connected PV than it hosts; a site that would go beyond waits, filed, in the queue.
            if ("connected".equals(status) && tl[0] + kw > nearest.hostingKw()) {
                status = "filed";
            } else if ("connected".equals(status)) {
                tl[0] += kw;
            }
            String mode = People.pick(new String[] {"full_export", "full_export", "self_use_surplus_export", "self_use_surplus_export", "full_self_use"}, rnd);
            boolean filedOrLater = switch (status) {
                case "filed", "built", "connected" -> true;
                default -> false;
            };
            LocalDate connectedOn = "connected".equals(status) ? c.asOf().minusDays(rnd.nextInt(1400)) : null;
            boolean surveyed = !"candidate".equals(status);
            Double tilt = surveyed ? ("concrete_flat".equals(roof.roofType()) ? 25.0 : "color_steel".equals(roof.roofType()) ? 10.0 : 22.0 + more.nextInt(10)) : null;
            Double azimuth = surveyed ? 150.0 + more.nextInt(61) : null;
            Double altitude = pv.referenceAltitude() != null ? (double) Math.round(c.terrain().elevation(lx, ly)) : null;
            boolean collective = "non_natural_person".equals(roof.ownerType()) && more.nextDouble() < 0.5;
            OffsetDateTime filedAt = !filedOrLater ? null : connectedOn != null
                    ? connectedOn.minusDays(30 + more.nextInt(120)).atTime(10, 0).atOffset(ZoneOffset.ofHours(8))
                    : c.asOf().minusDays(more.nextInt(400)).atTime(9, 0).plusMinutes(more.nextInt(480)).atOffset(ZoneOffset.ofHours(8));
            pvSites.add(id, county, roof.village().code(), roof.siteKind(), roof.homesteadId(), roof.facilityId(), roof.parcelId(),
                    roof.roofType(), roofArea, usable, kw, c.character().pvAnnualHours(), mode, roof.ownerType(), status,
                    filedOrLater ? county + "PV" + String.format("%07d", id) : null, nearest.id(), connectedOn, tilt, azimuth, altitude, collective,
                    filedAt, "rejected".equals(status) ? REJECT_REASONS[more.nextInt(REJECT_REASONS.length)] : null, true, roof.outline());
            if (filedOrLater) {
                consents.add(id, filedAt.toLocalDate().minusDays(7 + more.nextInt(60)), People.name(county, more), "同意书-" + id, "demo", county);
            }
            if (!"candidate".equals(status)) {
                OffsetDateTime at = filedAt != null ? filedAt : c.asOf().minusDays(more.nextInt(300)).atTime(10, 0).atOffset(ZoneOffset.ofHours(8));
                history.add(history.nextId(), id, "candidate", status, "connected".equals(status) ? connectedOn.atTime(12, 0).atOffset(ZoneOffset.ofHours(8)) : at,
                        "demo", "演示数据: 截至 " + c.asOf() + " 的状态", county);
            }
        }
    }
}
