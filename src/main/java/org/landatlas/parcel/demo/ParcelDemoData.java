package org.landatlas.parcel.demo;

import static org.landatlas.demodata.DemoGeometry.multi;
import static org.landatlas.demodata.DemoGeometry.round2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.CountyCharacter;
import org.landatlas.demodata.CountyCharacter.Site;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoParcel;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.landatlas.demodata.ParcelFabric;
import org.landatlas.demodata.Terrain;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The parcels of every village: a field fabric around the village seat, land classes that follow the terrain, and
 * at the end the 三调 attribute rows (ownership, slope grade, deductions, planting attribute …) with the flags that
 * protection and circulation set on them. The tiles' generalized overview is refreshed after the load.
 */
@Component
@Order(300)
class ParcelDemoData implements DemoDataPart {

    static final DemoTable LAND_PARCEL = DemoTable.serial("land_parcel", "id", "bsm", "tbbh", "county_code", "village_code",
            "class_system", "dlbm", "dlmc", "qsxz", "qsdwdm", "qsdwmc", "zldwdm", "zldwmc", "tbmj", "kcdlbm", "kcxs", "kcmj", "tbdlmj",
            "gdlx", "gdpdjb", "zzsxdm", "zzsxmc", "gddb", "czcsxm", "sjnf", "area_m2", "elevation_mean_m", "elevation_min_m",
            "elevation_max_m", "slope_mean_deg", "belt_id", "is_permanent_basic_farmland", "is_high_standard_farmland", "hsf_project_id",
            "circulation_status", "synthetic", "geom").guardingRealData();

    private static final Map<String, String> ZZSX_NAMES = Map.of("LS", "种植粮食作物", "FLS", "种植非粮作物", "LYFL", "粮与非粮轮作",
            "XG", "休耕", "LLJZ", "林粮间作", "WG", "未耕种");

    @Override
    public List<DemoTable> tables() {
        return List.of(LAND_PARCEL);
    }

    /** The generalized parcel layer of low-zoom tiles. */
    @Override
    public List<String> afterLoad() {
        return List.of("SELECT refresh_parcel_overview(NULL)");
    }

    @Override
    public CountyWork start(DemoCounty county) {
        Parcels parcels = new Parcels(county);
        return new CountyWork() {
            @Override
            public void fields() {
                parcels.make();
            }

            @Override
            public void records() {
                parcels.write();
            }
        };
    }

    /** What only the parcel row needs: the parcel's relief and belt. */
    private record Relief(DemoParcel parcel, double eMean, double eMin, double eMax, long beltId) {
    }

    private static final class Parcels {
        private final DemoCounty c;
        private final CountyCharacter ch;
        private final SplittableRandom rnd;
        private final Terrain terrain;
        private final List<Relief> made = new ArrayList<>();

        Parcels(DemoCounty c) {
            this.c = c;
            this.ch = c.character();
            this.rnd = c.rnd();
            this.terrain = c.terrain();
        }

        /** Shares the county's quota among its villages by size, and lays out each village's fields. */
        void make() {
            List<DemoVillage> all = new ArrayList<>(c.villages());
            double[] weight = new double[all.size()];
            double sum = 0;
            for (int i = 0; i < all.size(); i++) {
                weight[i] = Math.sqrt(Math.max(all.get(i).local().getArea(), 1));
                sum += weight[i];
            }
            int quota = c.quota();
            int carry = 0;
            int assigned = 0;
            for (int i = 0; i < all.size(); i++) {
                DemoVillage vr = all.get(i);
                int want = i == all.size() - 1 ? quota - assigned : (int) Math.round(quota * weight[i] / sum);
                want = Math.max(0, want + carry);
                double area = vr.local().getArea();
                vr.fieldSpacing(Math.min(ch.fieldSpacingM(), Math.sqrt(area * 0.8 / Math.max(want, 1))));
                ParcelFabric fabric = new ParcelFabric(rnd.nextLong(), vr.seat(), vr.fieldSpacing(), rnd.nextDouble() * Math.PI / 2);
                int coreDivisions = (int) Math.max(2, Math.min(8, Math.round(vr.fieldSpacing() / 22)));
                int homesteadQuota = (int) Math.round(want * 0.12);
                List<ParcelFabric.Plot> plots = fabric.plots(vr.local(), want, homesteadQuota, coreDivisions);
                carry = want - plots.size();
                assigned += plots.size();
                double maxDist = plots.stream().mapToDouble(ParcelFabric.Plot::seatDistance).max().orElse(1);
                for (ParcelFabric.Plot plot : plots) {
                    c.addParcel(parcel(vr, plot, plot.seatDistance() / Math.max(maxDist, 1)));
                }
            }
        }

        private DemoParcel parcel(DemoVillage vr, ParcelFabric.Plot plot, double rank) {
            long id = c.rows(LAND_PARCEL).nextId();
            Geometry lonLat = multi(c.projection().toLonLat(plot.local()));
            double areaM2 = Geodesy.area(lonLat);
            Point centre = plot.local().getInteriorPoint();
            double e = terrain.elevation(centre.getX(), centre.getY());
            double lo = e;
            double hi = e;
            Coordinate[] ring = ParcelFabric.polygons(plot.local()).get(0).getExteriorRing().getCoordinates();
            double total = e;
            int n = 1;
            for (int k = 0; k < ring.length - 1 && k < 8; k++) {
                double ek = terrain.elevation(ring[k].x, ring[k].y);
                lo = Math.min(lo, ek);
                hi = Math.max(hi, ek);
                total += ek;
                n++;
            }
            double eMean = total / n;
            double slope = terrain.slopeDeg(centre.getX(), centre.getY());
            long beltId = c.beltFor(eMean);
            String dlbm;
            if (plot.core()) {
                double x = rnd.nextDouble();
                dlbm = x < 0.8 ? "0702" : x < 0.86 ? "1202" : x < 0.9 ? "05H1" : x < 0.93 ? "08H2" : x < 0.97 ? "1201" : "1004";
            } else {
                double rel = (eMean - ch.minElevation()) / (ch.maxElevation() - ch.minElevation());
                Site site = new Site(eMean, rel, slope, terrain.riverDistance(centre.getX(), centre.getY()), vr.fieldSpacing(), rank);
                dlbm = ch.landUse().classify(site, rnd);
                // Scattered sheds and greenhouses near the settlement: facility agricultural land.
                if (rank < 0.25 && rnd.nextDouble() < 0.04 && !"1101".equals(dlbm)) {
                    dlbm = "1202";
                }
            }
            DemoParcel p = new DemoParcel(id, vr, plot, lonLat, dlbm, c.landClasses().group(dlbm), areaM2, slope);
            made.add(new Relief(p, eMean, lo, hi, beltId));
            return p;
        }

        /** The 三调 attribute rows, once protection and circulation have set their flags. */
        void write() {
            CopyTable rows = c.rows(LAND_PARCEL);
            String county = c.code();
            long serial = 0;
            Map<String, Integer> tbbh = new HashMap<>();
            for (Relief r : made) {
                DemoParcel p = r.parcel();
                serial++;
                DemoVillage vr = p.village();
                String vcode = vr.code();
                int no = tbbh.merge(vcode, 1, Integer::sum);
                boolean state = "1101".equals(p.landClass()) || "1106".equals(p.landClass()) || "1110".equals(p.landClass())
                        || ("forest".equals(p.group()) && ch.pastoral() && (p.id() % 5 < 2));
                String qsxz;
                String qsdwdm;
                String qsdwmc;
                if (state) {
                    qsxz = "10";
                    qsdwdm = vcode + "0000000";
                    qsdwmc = c.name() + "国有";
                } else if (p.id() % 3 == 0) {
                    int group = 1 + (int) (p.id() % 7);
                    qsxz = "31";
                    qsdwdm = vcode + String.format("%02d", group) + "00000";
                    qsdwmc = vr.shortName() + "第" + group + "村民小组";
                } else {
                    qsxz = "30";
                    qsdwdm = vcode + "0000000";
                    qsdwmc = vr.shortName() + ("嘎查".equals(vr.kind()) ? "嘎查" : "村") + "农民集体";
                }
                double tbmj = round2(p.areaM2());
                boolean farmland = "farmland".equals(p.group());
                String gdpdjb = null;
                String gdlx = null;
                String kcdlbm = null;
                double kcxs = 0;
                String zzsx = null;
                Integer gddb = null;
                if (farmland) {
                    int grade = slopeGrade(p.slopeDeg());
                    gdpdjb = Integer.toString(grade);
                    if (grade >= 2) {
                        gdlx = ("0101".equals(p.landClass()) || grade >= 4) ? "TT" : "PD";
                    }
                    kcxs = switch (grade) {
                        case 1 -> 0.0;
                        case 2 -> 0.038;
                        case 3 -> 0.076;
                        case 4 -> 0.119;
                        default -> 0.162;
                    };
                    kcdlbm = kcxs > 0 ? "1203" : null;
                    double x = (p.id() * 2654435761L % 1000) / 1000.0;
                    zzsx = x < 0.68 ? "LS" : x < 0.83 ? "FLS" : x < 0.91 ? "LYFL" : x < 0.95 ? "XG" : x < 0.97 ? "LLJZ" : "WG";
                    int[] g = ch.cropGradeRange();
                    gddb = g[0] + (int) (p.id() % (g[1] - g[0] + 1));
                }
                double kcmj = round2(tbmj * kcxs);
                double tbdlmj = round2(tbmj - kcmj);
                String czcsxm = switch (p.landClass().substring(0, 2)) {
                    case "05", "06", "07", "08", "09" -> vr.township() == c.seatTownship() ? "202" : "203";
                    default -> "1004".equals(p.landClass()) || "1201".equals(p.landClass()) ? "203" : null;
                };
                rows.add(p.id(), county + String.format("%012d", serial), Integer.toString(no), county, vcode, "三调工作分类",
                        p.landClass(), c.landClasses().name(p.landClass()), qsxz, qsdwdm, qsdwmc, vcode + "0000000", vr.name(), tbmj, kcdlbm,
                        kcxs, kcmj, tbdlmj, gdlx, gdpdjb, zzsx, zzsx == null ? null : ZZSX_NAMES.get(zzsx), gddb, czcsxm, 2023, p.areaM2(),
                        round2(r.eMean()), round2(r.eMin()), round2(r.eMax()), round2(p.slopeDeg()), r.beltId(), p.permanentBasicFarmland(),
                        p.hsfBuilt(), p.hsfProjectId(), p.circulation(), true, p.lonLat());
            }
        }
    }

    /** The 三调 farmland slope grade (耕地坡度级别): 1 up to 2°, 2 up to 6°, 3 up to 15°, 4 up to 25°, 5 above. */
    static int slopeGrade(double slopeDeg) {
        return slopeDeg <= 2 ? 1 : slopeDeg <= 6 ? 2 : slopeDeg <= 15 ? 3 : slopeDeg <= 25 ? 4 : 5;
    }
}
