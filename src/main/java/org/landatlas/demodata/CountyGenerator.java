package org.landatlas.demodata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import org.landatlas.demodata.CountyCharacter.BeltDef;
import org.landatlas.demodata.CountyCharacter.Site;
import org.landatlas.demodata.CountyCharacter.TargetDef;
import org.landatlas.demodata.CountySource.Township;
import org.landatlas.demodata.CountySource.Village;

/**
 * Generates one county of demo data into {@link DemoTables}: real names and codes, synthetic boundaries,
 * terrain, parcels placed by terrain, and every theme on top of them. All randomness comes from one seeded
 * generator and all iteration is in a fixed order, so the same seed gives byte-identical rows.
 */
final class CountyGenerator {

    /** Running id counters shared by all counties of one data set, so ids are stable and FKs resolvable before COPY. */
    static final class Ids {
        private final Map<String, Long> next = new HashMap<>();

        long next(String table) {
            return next.merge(table, 1L, Long::sum);
        }
    }

    private final CountySource src;
    private final CountyCharacter ch;
    private final int quota;
    private final LocalDate asOf;
    private final Ids ids;
    private final DemoTables t;
    private final LandClassNames names;
    private final SplittableRandom rnd;
    private final LocalProjection proj;
    private final Geometry countyLocal;
    private final Terrain terrain;
    private final String county;
    private final String countyShort;

    private final List<TownshipRec> townships = new ArrayList<>();
    private final Map<String, VillageRec> villages = new LinkedHashMap<>();
    private final List<ParcelRec> parcels = new ArrayList<>();
    private final List<Long> beltIds = new ArrayList<>();
    private final List<Geometry> roadsLocal = new ArrayList<>();
    private final List<long[]> transfereePool = new ArrayList<>();
    private final Map<Long, String> transfereeKind = new HashMap<>();
    private TownshipRec seatTownship;
    private long contractSerial;
    /** Share of a transformer's rating that household PV may take (grid-company rule of thumb). */
    private static final double PV_HOSTING_RATIO = 0.25;

    private static final class TownshipRec {
        Township src;
        Geometry local;
        Coordinate seat;
        int population;
        int households;
        final List<VillageRec> villages = new ArrayList<>();
    }

    private static final class VillageRec {
        Village src;
        TownshipRec township;
        Geometry local;
        Coordinate seat;
        int households;
        int population;
        double spacing;
        final List<Long> householdIds = new ArrayList<>();
        final List<long[]> transformers = new ArrayList<>(); // id, x mm, y mm, rated kVA
        final List<ParcelRec> parcels = new ArrayList<>();
    }

    private static final class ParcelRec {
        long id;
        VillageRec village;
        ParcelFabric.Plot plot;
        Geometry lonLat;
        String dlbm;
        String group;
        double areaM2;
        double eMean;
        double eMin;
        double eMax;
        double slope;
        boolean pbf;
        Long hsfProjectId;
        boolean hsfBuilt;
        String circulation = "none";
        boolean used;
        long beltId;
    }

    CountyGenerator(CountySource src, int quota, long seed, LocalDate asOf, Ids ids, DemoTables tables, LandClassNames names) {
        this.src = src;
        this.ch = CountyCharacter.of(src.code());
        this.quota = quota;
        this.asOf = asOf;
        this.ids = ids;
        this.t = tables;
        this.names = names;
        this.county = src.code();
        this.countyShort = src.name().replaceAll("(族自治旗|自治旗|旗|县|市)$", "");
        this.rnd = new SplittableRandom(seed ^ (Long.parseLong(county) * 0x9E3779B97F4A7C15L));
        Point c = src.outline().getCentroid();
        this.proj = new LocalProjection(c.getX(), c.getY());
        this.countyLocal = proj.toLocal(src.outline());
        this.terrain = new Terrain(ch, countyLocal.getEnvelopeInternal(), rnd.nextLong());
    }

    void generate() {
        layoutAdmin();
        writeDem();
        writeBelts();
        makeParcels();
        makeHouseholds();
        makeRoadsAndPlaces();
        makeTransferees();
        makeHomesteadsAndFacilities();
        makeCirculation();
        makeHighStandardFarmland();
        makeProtectionZones();
        writeParcels();
        writeTargets();
    }

    // ---------------------------------------------------------------------------------------------- admin units

    private void layoutAdmin() {
        List<Township> srcTownships = src.townships();
        List<AdminLayout.Cell> tCells = AdminLayout.split(countyLocal, srcTownships.size(), rnd);
        for (int k = 0; k < srcTownships.size(); k++) {
            TownshipRec tr = new TownshipRec();
            tr.src = srcTownships.get(k);
            tr.local = tCells.get(k).area();
            tr.seat = tCells.get(k).seat();
            townships.add(tr);
            if (tr.src.name().equals(ch.seatTownship())) {
                seatTownship = tr;
            }
            List<Village> srcVillages = tr.src.villages();
            List<AdminLayout.Cell> vCells = AdminLayout.split(tr.local, Math.max(1, srcVillages.size()), rnd);
            for (int v = 0; v < srcVillages.size(); v++) {
                VillageRec vr = new VillageRec();
                vr.src = srcVillages.get(v);
                vr.township = tr;
                vr.local = vCells.get(v).area();
                vr.seat = vCells.get(v).seat();
                boolean community = "社区".equals(vr.src.kind());
                boolean pastoral = "嘎查".equals(vr.src.kind()) || (ch.pastoral() && rnd.nextDouble() < 0.3);
                vr.households = community ? 60 + rnd.nextInt(200) : pastoral ? 50 + rnd.nextInt(200) : 120 + rnd.nextInt(380);
                vr.population = (int) Math.round(vr.households * (2.4 + rnd.nextDouble() * 1.2));
                tr.villages.add(vr);
                villages.put(vr.src.code(), vr);
                tr.households += vr.households;
                tr.population += vr.population;
            }
        }
        if (seatTownship == null) {
            seatTownship = townships.get(0);
        }
        int pop = townships.stream().mapToInt(x -> x.population).sum();
        int hh = townships.stream().mapToInt(x -> x.households).sum();
        Geometry countyLonLat = multi(proj.toLonLat(countyLocal));
        t.adminUnit.add(county, "county", src.name(), kindOfCounty(), null, county, src.province(), src.city(), pop, hh,
                Geodesy.area(countyLonLat), true, countyLonLat, point(seatTownship.seat));
        for (TownshipRec tr : townships) {
            Geometry g = multi(proj.toLonLat(tr.local));
            t.adminUnit.add(tr.src.code(), "township", tr.src.name(), tr.src.kind(), county, county, src.province(), src.city(),
                    tr.population, tr.households, Geodesy.area(g), true, g, point(tr.seat));
        }
        for (TownshipRec tr : townships) {
            for (VillageRec vr : tr.villages) {
                Geometry g = multi(proj.toLonLat(vr.local));
                t.adminUnit.add(vr.src.code(), "village", vr.src.name(), vr.src.kind(), tr.src.code(), county, src.province(),
                        src.city(), vr.population, vr.households, Geodesy.area(g), true, g, point(vr.seat));
            }
        }
    }

    private String kindOfCounty() {
        String n = src.name();
        return n.endsWith("旗") ? "旗" : n.endsWith("市") ? "市" : "县";
    }

    // ---------------------------------------------------------------------------------------------- terrain

    /** A Float32 DEM over the county's extent, written as PostGIS raster WKB (no more than 400 cells a side). */
    private void writeDem() {
        Envelope ll = src.outline().getEnvelopeInternal();
        double widthM = proj.toX(ll.getMaxX()) - proj.toX(ll.getMinX());
        double heightM = proj.toY(ll.getMaxY()) - proj.toY(ll.getMinY());
        double resM = Math.max(widthM, heightM) / 400.0;
        int w = (int) Math.ceil(widthM / resM);
        int h = (int) Math.ceil(heightM / resM);
        double sx = (ll.getMaxX() - ll.getMinX()) / w;
        double sy = (ll.getMaxY() - ll.getMinY()) / h;
        ByteBuffer buf = ByteBuffer.allocate(61 + 5 + 4 * w * h).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 1).putShort((short) 0).putShort((short) 1);
        buf.putDouble(sx).putDouble(-sy).putDouble(ll.getMinX()).putDouble(ll.getMaxY()).putDouble(0).putDouble(0);
        buf.putInt(4490).putShort((short) w).putShort((short) h);
        buf.put((byte) (10 | 0x40)); // 32BF with a nodata value
        buf.putFloat(-9999f);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int row = 0; row < h; row++) {
            double lat = ll.getMaxY() - (row + 0.5) * sy;
            for (int col = 0; col < w; col++) {
                double lon = ll.getMinX() + (col + 0.5) * sx;
                double e = terrain.elevation(proj.toX(lon), proj.toY(lat));
                min = Math.min(min, e);
                max = Math.max(max, e);
                buf.putFloat((float) e);
            }
        }
        t.dem.add(county, HexFormat.of().formatHex(buf.array()), round2(resM), round2(min), round2(max),
                "合成DEM (synthetic relief matching the real elevation range " + (int) ch.minElevation() + "–" + (int) ch.maxElevation() + " m)",
                true);
    }

    private void writeBelts() {
        long schemeId = ids.next("belt_scheme");
        t.beltScheme.add(schemeId, county, ch.beltSchemeName(), "按海拔划分的产业带（示例）: altitude industry belts of the demo", true);
        for (BeltDef b : ch.belts()) {
            long id = ids.next("belt");
            beltIds.add(id);
            t.belt.add(id, schemeId, b.code(), b.name(), b.min(), b.max(), b.industries(), b.colour());
        }
    }

    private long beltFor(double elevation) {
        List<BeltDef> belts = ch.belts();
        for (int i = 0; i < belts.size(); i++) {
            if (elevation < belts.get(i).max()) {
                return beltIds.get(i);
            }
        }
        return beltIds.get(beltIds.size() - 1);
    }

    // ---------------------------------------------------------------------------------------------- parcels

    private void makeParcels() {
        List<VillageRec> all = new ArrayList<>(villages.values());
        double[] weight = new double[all.size()];
        double sum = 0;
        for (int i = 0; i < all.size(); i++) {
            weight[i] = Math.sqrt(Math.max(all.get(i).local.getArea(), 1));
            sum += weight[i];
        }
        int carry = 0;
        int assigned = 0;
        for (int i = 0; i < all.size(); i++) {
            VillageRec vr = all.get(i);
            int want = i == all.size() - 1 ? quota - assigned : (int) Math.round(quota * weight[i] / sum);
            want = Math.max(0, want + carry);
            double area = vr.local.getArea();
            vr.spacing = Math.min(ch.fieldSpacingM(), Math.sqrt(area * 0.8 / Math.max(want, 1)));
            ParcelFabric fabric = new ParcelFabric(rnd.nextLong(), vr.seat, vr.spacing, rnd.nextDouble() * Math.PI / 2);
            int coreDivisions = (int) Math.max(2, Math.min(8, Math.round(vr.spacing / 22)));
            int homesteadQuota = (int) Math.round(want * 0.12);
            List<ParcelFabric.Plot> plots = fabric.plots(vr.local, want, homesteadQuota, coreDivisions);
            carry = want - plots.size();
            assigned += plots.size();
            double maxDist = plots.stream().mapToDouble(ParcelFabric.Plot::seatDistance).max().orElse(1);
            for (ParcelFabric.Plot plot : plots) {
                parcels.add(parcel(vr, plot, plot.seatDistance() / Math.max(maxDist, 1)));
            }
        }
    }

    private ParcelRec parcel(VillageRec vr, ParcelFabric.Plot plot, double rank) {
        ParcelRec p = new ParcelRec();
        p.id = ids.next("land_parcel");
        p.village = vr;
        p.plot = plot;
        p.lonLat = multi(proj.toLonLat(plot.local()));
        p.areaM2 = Geodesy.area(p.lonLat);
        Point c = plot.local().getInteriorPoint();
        double e = terrain.elevation(c.getX(), c.getY());
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
        p.eMean = total / n;
        p.eMin = lo;
        p.eMax = hi;
        p.slope = terrain.slopeDeg(c.getX(), c.getY());
        p.beltId = beltFor(p.eMean);
        if (plot.core()) {
            double x = rnd.nextDouble();
            p.dlbm = x < 0.8 ? "0702" : x < 0.86 ? "1202" : x < 0.9 ? "05H1" : x < 0.93 ? "08H2" : x < 0.97 ? "1201" : "1004";
        } else {
            double rel = (p.eMean - ch.minElevation()) / (ch.maxElevation() - ch.minElevation());
            Site site = new Site(p.eMean, rel, p.slope, terrain.riverDistance(c.getX(), c.getY()), vr.spacing, rank);
            p.dlbm = ch.landUse().classify(site, rnd);
            // Scattered sheds and greenhouses near the settlement: facility agricultural land.
            if (rank < 0.25 && rnd.nextDouble() < 0.04 && !"1101".equals(p.dlbm)) {
                p.dlbm = "1202";
            }
        }
        p.group = names.group(p.dlbm);
        vr.parcels.add(p);
        return p;
    }

    private void writeParcels() {
        long serial = 0;
        Map<String, Integer> tbbh = new HashMap<>();
        for (ParcelRec p : parcels) {
            serial++;
            VillageRec vr = p.village;
            String vcode = vr.src.code();
            int no = tbbh.merge(vcode, 1, Integer::sum);
            boolean state = "1101".equals(p.dlbm) || "1106".equals(p.dlbm) || "1110".equals(p.dlbm)
                    || ("forest".equals(p.group) && ch.pastoral() && (p.id % 5 < 2));
            String qsxz;
            String qsdwdm;
            String qsdwmc;
            if (state) {
                qsxz = "10";
                qsdwdm = vcode + "0000000";
                qsdwmc = src.name() + "国有";
            } else if (p.id % 3 == 0) {
                int group = 1 + (int) (p.id % 7);
                qsxz = "31";
                qsdwdm = vcode + String.format("%02d", group) + "00000";
                qsdwmc = shortVillage(vr) + "第" + group + "村民小组";
            } else {
                qsxz = "30";
                qsdwdm = vcode + "0000000";
                qsdwmc = shortVillage(vr) + ("嘎查".equals(vr.src.kind()) ? "嘎查" : "村") + "农民集体";
            }
            double tbmj = round2(p.areaM2);
            boolean farmland = "farmland".equals(p.group);
            String gdpdjb = null;
            String gdlx = null;
            String kcdlbm = null;
            double kcxs = 0;
            String zzsx = null;
            Integer gddb = null;
            if (farmland) {
                int grade = p.slope <= 2 ? 1 : p.slope <= 6 ? 2 : p.slope <= 15 ? 3 : p.slope <= 25 ? 4 : 5;
                gdpdjb = Integer.toString(grade);
                if (grade >= 2) {
                    gdlx = ("0101".equals(p.dlbm) || grade >= 4) ? "TT" : "PD";
                }
                kcxs = switch (grade) {
                    case 1 -> 0.0;
                    case 2 -> 0.038;
                    case 3 -> 0.076;
                    case 4 -> 0.119;
                    default -> 0.162;
                };
                kcdlbm = kcxs > 0 ? "1203" : null;
                double x = (p.id * 2654435761L % 1000) / 1000.0;
                zzsx = x < 0.68 ? "LS" : x < 0.83 ? "FLS" : x < 0.91 ? "LYFL" : x < 0.95 ? "XG" : x < 0.97 ? "LLJZ" : "WG";
                int[] g = ch.cropGradeRange();
                gddb = g[0] + (int) (p.id % (g[1] - g[0] + 1));
            }
            double kcmj = round2(tbmj * kcxs);
            double tbdlmj = round2(tbmj - kcmj);
            String czcsxm = switch (p.dlbm.substring(0, 2)) {
                case "05", "06", "07", "08", "09" -> vr.township == seatTownship ? "202" : "203";
                default -> "1004".equals(p.dlbm) || "1201".equals(p.dlbm) ? "203" : null;
            };
            t.parcel.add(p.id, county + String.format("%012d", serial), Integer.toString(no), county, vcode, "三调工作分类",
                    p.dlbm, names.name(p.dlbm), qsxz, qsdwdm, qsdwmc, vcode + "0000000", vr.src.name(), tbmj, kcdlbm, kcxs, kcmj,
                    tbdlmj, gdlx, gdpdjb, zzsx, zzsx == null ? null : ZZSX_NAMES.get(zzsx), gddb, czcsxm, 2023, p.areaM2,
                    round2(p.eMean), round2(p.eMin), round2(p.eMax), round2(p.slope), p.beltId, p.pbf, p.hsfBuilt, p.hsfProjectId,
                    p.circulation, true, p.lonLat);
        }
    }

    private static final Map<String, String> ZZSX_NAMES = Map.of("LS", "种植粮食作物", "FLS", "种植非粮作物", "LYFL", "粮与非粮轮作",
            "XG", "休耕", "LLJZ", "林粮间作", "WG", "未耕种");

    // ---------------------------------------------------------------------------------------------- households

    private void makeHouseholds() {
        for (VillageRec vr : villages.values()) {
            double farmlandMu = vr.parcels.stream().filter(p -> "farmland".equals(p.group)).mapToDouble(p -> p.areaM2 / Geodesy.M2_PER_MU).sum();
            for (int k = 0; k < vr.households; k++) {
                long id = ids.next("household");
                vr.householdIds.add(id);
                double share = farmlandMu / vr.households * (0.4 + rnd.nextDouble() * 1.2);
                t.household.add(id, vr.src.code(), vr.src.code() + String.format("%04d", k + 1), 1 + rnd.nextInt(6), round2(share), true);
                t.householdIdentity.add(id, People.name(county, rnd), People.idNumber(county, rnd), People.phone(rnd),
                        src.name() + vr.township.src.name() + vr.src.name());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- roads, places

    private void makeRoadsAndPlaces() {
        Coordinate countySeat = seatTownship.seat;
        List<TownshipRec> chain = new ArrayList<>(townships);
        Envelope env = countyLocal.getEnvelopeInternal();
        boolean wide = env.getWidth() >= env.getHeight();
        chain.sort(Comparator.comparingDouble(tr -> wide ? tr.seat.x : tr.seat.y));
        for (int k = 1; k < chain.size(); k++) {
            road("provincial", chain.get(k - 1).src.name() + "—" + chain.get(k).src.name() + "公路", chain.get(k - 1).seat,
                    chain.get(k).seat, 12, "asphalt");
        }
        for (TownshipRec tr : townships) {
            if (tr != seatTownship && Math.abs(chain.indexOf(tr) - chain.indexOf(seatTownship)) > 1) {
                road("county", countyShort + "城区—" + tr.src.name() + "公路", countySeat, tr.seat, 8, "asphalt");
            }
            for (VillageRec vr : tr.villages) {
                road("township", tr.src.name() + "—" + shortVillage(vr) + "通村公路", tr.seat, vr.seat, 5.5,
                        rnd.nextDouble() < 0.7 ? "concrete" : "asphalt");
            }
        }
        for (TownshipRec tr : townships) {
            long sid = ids.next("settlement");
            t.settlement.add(sid, county, null, tr == seatTownship ? src.name() + "城区（" + tr.src.name() + "）" : tr.src.name() + "集镇",
                    tr == seatTownship ? "county_seat" : "township_seat", tr.population / 3, true, point(tr.seat));
            poi("government", null, tr.src.name() + "人民政府", tr.seat, 60, 30);
            poi("market", null, tr.src.name() + "农贸市场", tr.seat, -120, 80);
            poi("service_station", null, tr.src.name() + "农村经营管理站", tr.seat, 90, -70);
            int v = 0;
            for (VillageRec vr : tr.villages) {
                t.settlement.add(ids.next("settlement"), county, vr.src.code(), shortVillage(vr), "village", vr.population, true, point(vr.seat));
                if (v % 3 == 0) {
                    poi("school", vr.src.code(), shortVillage(vr) + "小学", vr.seat, 80, 50);
                }
                if (v % 2 == 0) {
                    poi("clinic", vr.src.code(), shortVillage(vr) + "卫生室", vr.seat, -50, 40);
                }
                if (v % 4 == 1) {
                    poi("bus_stop", vr.src.code(), shortVillage(vr) + "站", vr.seat, 20, -90);
                }
                if ("533401".equals(county) && v % 5 == 2) {
                    poi("temple", vr.src.code(), shortVillage(vr) + "嘛呢堆", vr.seat, 300, 260);
                }
                if (v % 6 == 3) {
                    poi("scenic_spot", vr.src.code(), shortVillage(vr) + "观景台", vr.seat, 900, 700);
                }
                v++;
            }
        }
    }

    private void road(String cls, String name, Coordinate a, Coordinate b, double width, String surface) {
        List<Coordinate> pts = new ArrayList<>();
        pts.add(a);
        pts.add(b);
        // Midpoint displacement twice: roads bend instead of running ruler-straight.
        for (int pass = 0; pass < 3; pass++) {
            List<Coordinate> next = new ArrayList<>();
            for (int k = 1; k < pts.size(); k++) {
                Coordinate p = pts.get(k - 1);
                Coordinate q = pts.get(k);
                double len = p.distance(q);
                double off = (rnd.nextDouble() - 0.5) * len * 0.18;
                double nx = -(q.y - p.y) / Math.max(len, 1);
                double ny = (q.x - p.x) / Math.max(len, 1);
                next.add(p);
                next.add(new Coordinate((p.x + q.x) / 2 + nx * off, (p.y + q.y) / 2 + ny * off));
            }
            next.add(pts.get(pts.size() - 1));
            pts = next;
        }
        if (a.distance(b) < 1) {
            return;
        }
        LineString line = LocalProjection.LOCAL.createLineString(pts.toArray(Coordinate[]::new));
        Geometry clipped = line.intersection(countyLocal);
        List<LineString> parts = new ArrayList<>();
        for (int i = 0; i < clipped.getNumGeometries(); i++) {
            if (clipped.getGeometryN(i) instanceof LineString ls && ls.getLength() > 1) {
                parts.add(ls);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        Geometry local = LocalProjection.LOCAL.createMultiLineString(parts.toArray(LineString[]::new));
        roadsLocal.add(local);
        Geometry ll = proj.toLonLat(local);
        t.road.add(ids.next("road"), county, cls, name, null, width, surface, round2(Geodesy.length(ll)), true, ll);
    }

    private void poi(String kind, String villageCode, String name, Coordinate near, double dx, double dy) {
        Coordinate c = new Coordinate(near.x + dx, near.y + dy);
        if (!countyLocal.contains(LocalProjection.LOCAL.createPoint(c))) {
            c = near;
        }
        t.poi.add(ids.next("poi"), county, villageCode, kind, name, true, point(c));
    }

    // ---------------------------------------------------------------------------------------------- circulation

    private static final String[] FIRM_WORDS = {"绿源", "丰泽", "金穗", "瑞丰", "恒达", "兴农", "福田", "清泉", "沃土", "嘉禾",
            "鑫源", "康农", "益民", "天润", "宏图", "盛世", "润泽", "丰禾", "春晖", "聚福"};

    private String[] businesses() {
        return switch (county) {
            case "150627", "150724" -> new String[] {"农牧业", "饲草", "肉羊养殖", "马铃薯种植", "奶牛养殖", "生态农业"};
            case "533401" -> new String[] {"青稞", "中药材", "牦牛养殖", "酿酒葡萄", "高原特色农业", "食用菌"};
            default -> new String[] {"食用菌", "茶业", "竹业", "农业开发", "水果种植", "生态农业"};
        };
    }

    private void makeTransferees() {
        int n = Math.max(20, Math.min(150, 20 + quota / 300));
        String[] biz = businesses();
        List<VillageRec> vs = new ArrayList<>(villages.values());
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int k = 0; k < n; k++) {
            double x = rnd.nextDouble();
            String kind = x < 0.25 ? "enterprise" : x < 0.6 ? "cooperative" : x < 0.82 ? "family_farm" : x < 0.95 ? "large_grower" : "village_collective";
            VillageRec home = vs.get(rnd.nextInt(vs.size()));
            String business = People.pick(biz, rnd);
            String name = switch (kind) {
                case "enterprise" -> countyShort + People.pick(FIRM_WORDS, rnd) + business + "有限公司";
                case "cooperative" -> shortVillage(home) + business + "专业合作社";
                case "family_farm" -> shortVillage(home) + People.pick(FIRM_WORDS, rnd) + "家庭农场";
                case "large_grower" -> shortVillage(home) + "种养大户";
                default -> shortVillage(home) + "股份经济合作社";
            };
            String unique = name;
            for (int s = 2; !used.add(unique); s++) {
                unique = name + "（" + s + "）";
            }
            long id = ids.next("transferee");
            String credit = switch (kind) {
                case "enterprise" -> People.creditCode("91", county, rnd);
                case "cooperative" -> People.creditCode("93", county, rnd);
                case "village_collective" -> People.creditCode("N2", county, rnd);
                case "family_farm" -> People.creditCode("92", county, rnd);
                default -> null;
            };
            t.transferee.add(id, county, kind, unique, credit, 2008 + rnd.nextInt(16), business, true);
            t.transfereeContact.add(id, People.name(county, rnd), People.phone(rnd), People.idNumber(county, rnd));
            transfereePool.add(new long[] {id});
            transfereeKind.put(id, kind);
        }
    }

    private long pickTransferee(String landKind) {
        for (int attempt = 0; attempt < 20; attempt++) {
            long id = transfereePool.get(rnd.nextInt(transfereePool.size()))[0];
            String kind = transfereeKind.get(id);
            boolean fits = switch (landKind) {
                case "pasture" -> !"enterprise".equals(kind) || rnd.nextDouble() < 0.3;
                case "forest" -> !"large_grower".equals(kind);
                default -> true;
            };
            if (fits) {
                return id;
            }
        }
        return transfereePool.get(0)[0];
    }

    private static String landKind(String group) {
        return switch (group) {
            case "farmland" -> "farmland";
            case "grassland" -> "pasture";
            case "forest" -> "forest";
            case "garden" -> "garden";
            default -> null;
        };
    }

    private void makeCirculation() {
        for (VillageRec vr : villages.values()) {
            Map<Long, List<ParcelRec>> byCell = new HashMap<>();
            for (ParcelRec p : vr.parcels) {
                byCell.computeIfAbsent(cellKey(p.plot.i(), p.plot.j()), k -> new ArrayList<>()).add(p);
            }
            for (ParcelRec p : vr.parcels) {
                String kind = landKind(p.group);
                if (kind == null || p.used) {
                    continue;
                }
                double seedP = switch (kind) {
                    case "farmland" -> 0.10;
                    case "pasture" -> 0.08;
                    case "forest" -> 0.035;
                    default -> 0.07;
                };
                double x = rnd.nextDouble();
                if (x < seedP) {
                    int max = switch (kind) {
                        case "farmland" -> 2 + rnd.nextInt(11);
                        case "forest" -> 1 + rnd.nextInt(5);
                        default -> 1 + rnd.nextInt(6);
                    };
                    contract(vr, cluster(p, byCell, max), kind, null);
                } else if (x < seedP + 0.025) {
                    listing(vr, cluster(p, byCell, 1 + rnd.nextInt(8)), kind);
                }
            }
        }
    }

    private static long cellKey(int i, int j) {
        return ((long) i << 32) ^ (j & 0xffffffffL);
    }

    /** Up to {@code max} unused parcels of the same land group, grown from {@code start} through neighbouring fields. */
    private List<ParcelRec> cluster(ParcelRec start, Map<Long, List<ParcelRec>> byCell, int max) {
        List<ParcelRec> out = new ArrayList<>();
        ArrayDeque<ParcelRec> queue = new ArrayDeque<>();
        queue.add(start);
        start.used = true;
        while (!queue.isEmpty() && out.size() < max) {
            ParcelRec p = queue.poll();
            out.add(p);
            int[][] steps = {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}};
            for (int[] s : steps) {
                for (ParcelRec q : byCell.getOrDefault(cellKey(p.plot.i() + s[0], p.plot.j() + s[1]), List.of())) {
                    if (!q.used && q.group.equals(start.group) && out.size() + queue.size() < max) {
                        q.used = true;
                        queue.add(q);
                    }
                }
            }
        }
        for (ParcelRec q : queue) {
            q.used = false;
        }
        return out;
    }

    private double rent(String kind) {
        double[] range = ch.rentYuanPerMu().get(kind);
        return Math.round(range[0] + rnd.nextDouble() * (range[1] - range[0]));
    }

    private String intendedUse(String kind) {
        double x = rnd.nextDouble();
        return switch (kind) {
            case "farmland" -> x < 0.62 ? "粮食种植" : switch (county) {
                case "533401" -> x < 0.8 ? "烤烟种植" : "蔬菜种植";
                case "331126" -> x < 0.8 ? "食用菌种植" : "蔬菜种植";
                default -> x < 0.8 ? "马铃薯种植" : "饲草料种植";
            };
            case "pasture" -> x < 0.6 ? "放牧" : "打草及饲草种植";
            case "forest" -> x < 0.5 ? "林下种植" : "经济林经营";
            case "garden" -> "331126".equals(county) ? "茶叶种植" : "533401".equals(county) ? "中药材种植" : "果树种植";
            default -> "设施农业";
        };
    }

    private double areaMu(List<ParcelRec> ps) {
        return round2(ps.stream().mapToDouble(p -> p.areaM2).sum() / Geodesy.M2_PER_MU);
    }

    private Geometry union(List<Geometry> gs) {
        Geometry u = gs.size() == 1 ? gs.get(0) : UnaryUnionOp.union(gs);
        Geometry m = multi(AdminLayout.polygonal(u));
        m.setSRID(4490);
        return m;
    }

    private void contract(VillageRec vr, List<ParcelRec> ps, String kind, Long listingId) {
        long id = ids.next("circulation_contract");
        contractSerial++;
        LocalDate signed = LocalDate.of(2015, 1, 1).plusDays(rnd.nextInt(3650));
        double mx = rnd.nextDouble();
        String mode = mx < 0.75 ? "lease" : mx < 0.89 ? "equity" : mx < 0.97 ? "other" : signed.getYear() < 2019 ? "swap" : "lease";
        int years = switch (kind) {
            case "farmland" -> 3 + rnd.nextInt(13);
            case "pasture" -> 5 + rnd.nextInt(26);
            case "forest" -> 10 + rnd.nextInt(31);
            default -> 5 + rnd.nextInt(16);
        };
        LocalDate start = signed.plusDays(rnd.nextInt(60));
        LocalDate end = start.plusYears(years);
        // A circulation cannot outlast the remaining contract term (second-round contracts extended to 2057).
        if (end.isAfter(LocalDate.of(2057, 12, 31))) {
            end = LocalDate.of(2057, 12, 31);
        }
        double sx = rnd.nextDouble();
        String status;
        if (end.isBefore(asOf)) {
            status = "expired";
        } else {
            status = sx < 0.8 ? "active" : sx < 0.86 ? "filed" : sx < 0.9 ? "signed" : sx < 0.94 ? "terminated" : sx < 0.97 ? "disputed" : "draft";
        }
        if (start.isAfter(asOf) && "active".equals(status)) {
            status = "filed";
        }
        boolean draft = "draft".equals(status);
        LocalDate filed = draft || "signed".equals(status) ? null : signed.plusDays(7 + rnd.nextInt(24));
        String filingNo = filed == null ? null : county + "BA" + filed.getYear() + String.format("%06d", contractSerial);
        Double price = "swap".equals(mode) ? null : rent(kind);
        String dividend = "equity".equals(mode) ? "保底" + Math.round(price) + "元/亩/年，另按盈余的" + (10 + rnd.nextInt(21)) + "%分红" : null;
        boolean registered = filed != null && years >= 5 && rnd.nextDouble() < 0.4;
        long transferee = pickTransferee(kind);
        double mu = areaMu(ps);
        Geometry g = union(ps.stream().map(p -> p.lonLat).toList());
        t.contract.add(id, county + "LZ" + signed.getYear() + String.format("%06d", contractSerial), filingNo, county, vr.src.code(),
                listingId, transferee, mode, kind, mu, price, dividend, start, end, intendedUse(kind), status, draft ? null : signed,
                filed, registered, true, g);
        boolean holds = switch (status) {
            case "signed", "filed", "active", "disputed" -> true;
            default -> false;
        };
        for (ParcelRec p : ps) {
            t.contractParcel.add(id, p.id);
            if (holds) {
                p.circulation = "circulated";
            }
        }
        // Transferors: one household per one to three parcels, areas summing to the contract's.
        int nh = Math.max(1, Math.min(vr.householdIds.size(), (ps.size() + 1) / 2 + rnd.nextInt(2)));
        int first = rnd.nextInt(vr.householdIds.size());
        double remaining = mu;
        for (int k = 0; k < nh; k++) {
            double share = k == nh - 1 ? remaining : round2(mu / nh);
            remaining = round2(remaining - share);
            if (share > 0) {
                t.contractTransferor.add(id, vr.householdIds.get((first + k) % vr.householdIds.size()), round2(share));
            }
        }
        String office = vr.township.src.name() + "农村经营管理站";
        LocalDate drafted = signed.minusDays(10 + rnd.nextInt(30));
        history(id, null, null, "draft", drafted, office, "合同起草");
        if (!draft) {
            history(id, null, "draft", "signed", signed, office, "双方签订");
        }
        if (filed != null) {
            history(id, null, "signed", "filed", filed, office, "报发包方备案");
            if (!"filed".equals(status) || end.isBefore(asOf)) {
                history(id, null, "filed", "active", start.isAfter(filed) ? start : filed, office, "流转期开始");
            }
        }
        switch (status) {
            case "expired" -> history(id, null, "active", "expired", end, office, "流转期满");
            case "terminated" -> {
                LocalDate d = between(start, asOf);
                history(id, null, "active", "terminated", d, office, "受让方擅自改变土地农业用途，依法解除");
                dispute(id, start, "use_change", "resolved", d);
            }
            case "disputed" -> {
                LocalDate d = between(start, asOf);
                history(id, null, "active", "disputed", d, office, "流转费拖欠，进入调解");
                String[] stages = {"negotiation", "village_mediation", "township_mediation", "arbitration", "court"};
                dispute(id, d, rnd.nextDouble() < 0.6 ? "rent_arrears" : "boundary", People.pick(stages, rnd), null);
            }
            default -> {
                if ("active".equals(status) && rnd.nextDouble() < 0.03) {
                    LocalDate d = between(start, asOf);
                    dispute(id, d, "boundary", "resolved", d.plusDays(20 + rnd.nextInt(60)).isAfter(asOf) ? asOf : d.plusDays(20));
                }
            }
        }
    }

    private LocalDate between(LocalDate a, LocalDate b) {
        long days = Math.max(1, b.toEpochDay() - a.toEpochDay());
        return a.plusDays(Math.min(days - 1, rnd.nextInt((int) Math.min(days, Integer.MAX_VALUE))));
    }

    private void history(Long contractId, Long listingId, String from, String to, LocalDate on, String by, String reason) {
        t.statusHistory.add(ids.next("circulation_status_history"), contractId, listingId, from, to,
                on + "T09:00:00+08:00", by, reason);
    }

    private void dispute(long contractId, LocalDate opened, String kind, String stage, LocalDate resolved) {
        String summary = switch (kind) {
            case "rent_arrears" -> "受让方未按期支付流转费";
            case "use_change" -> "受让方在流转耕地上挖塘养鱼，改变农业用途";
            case "boundary" -> "相邻地块四至界线争议";
            default -> "其他流转纠纷";
        };
        t.dispute.add(ids.next("circulation_dispute"), contractId, opened, kind, stage, summary, resolved);
    }

    private void listing(VillageRec vr, List<ParcelRec> ps, String kind) {
        long id = ids.next("circulation_listing");
        double mu = areaMu(ps);
        double sx = rnd.nextDouble();
        String status = sx < 0.5 ? "listed" : sx < 0.7 ? "negotiating" : sx < 0.85 ? "closed" : sx < 0.95 ? "withdrawn" : "draft";
        LocalDate listed = asOf.minusDays(rnd.nextInt(420));
        LocalDate expires = listed.plusDays(180);
        if (("listed".equals(status) || "negotiating".equals(status)) && expires.isBefore(asOf)) {
            expires = asOf.plusDays(30 + rnd.nextInt(120));
        }
        String mode = rnd.nextDouble() < 0.8 ? "lease" : "equity";
        int years = switch (kind) {
            case "pasture" -> 10 + rnd.nextInt(21);
            case "forest" -> 20 + rnd.nextInt(31);
            default -> 5 + rnd.nextInt(16);
        };
        Double price = rnd.nextDouble() < 0.1 ? null : rent(kind);
        Geometry g = union(ps.stream().map(p -> p.lonLat).toList());
        String className = names.name(ps.get(0).dlbm);
        String title = shortVillage(vr) + " " + Math.round(mu) + "亩" + className + ("lease".equals(mode) ? "出租" : "入股合作");
        double access = roadDistance(g);
        t.listing.add(id, county + "GP" + listed.getYear() + String.format("%06d", id), county, vr.src.code(), title, kind, ps.size() >= 3, mu,
                price, years, mode, intendedUse(kind), listed, expires, status, round2(access),
                vr.township.src.name() + "农村经营管理站", true, g);
        for (ParcelRec p : ps) {
            t.listingParcel.add(id, p.id);
            if ("listed".equals(status) || "negotiating".equals(status)) {
                p.circulation = "listed";
            }
        }
        String office = vr.township.src.name() + "农村经营管理站";
        history(null, id, null, "draft", listed.minusDays(5), office, "挂牌申请");
        if (!"draft".equals(status)) {
            history(null, id, "draft", "listed", listed, office, "发布挂牌");
        }
        if ("negotiating".equals(status) || "closed".equals(status)) {
            history(null, id, "listed", "negotiating", listed.plusDays(20), office, "意向受让方洽谈");
        }
        if ("closed".equals(status)) {
            history(null, id, "negotiating", "closed", listed.plusDays(45), office, "成交");
            contract(vr, ps, kind, id);
        }
        if ("withdrawn".equals(status)) {
            history(null, id, "listed", "withdrawn", listed.plusDays(60), office, "流出方撤回");
        }
    }

    private double roadDistance(Geometry lonLat) {
        Point c = lonLat.getCentroid();
        Point local = LocalProjection.LOCAL.createPoint(new Coordinate(proj.toX(c.getX()), proj.toY(c.getY())));
        double best = Double.MAX_VALUE;
        for (Geometry r : roadsLocal) {
            best = Math.min(best, r.distance(local));
        }
        return best == Double.MAX_VALUE ? 0 : best;
    }

    // ---------------------------------------------------------------------------------------------- homesteads, PV

    private void makeHomesteadsAndFacilities() {
        long homesteadSerial = 0;
        for (VillageRec vr : villages.values()) {
            // Transformers sit around the village seat, one per ~180 households.
            int nt = Math.min(4, 1 + vr.households / 180);
            int[] sizes = ch.pastoral() ? new int[] {100, 200, 315, 400} : new int[] {200, 315, 400, 630};
            for (int k = 0; k < nt; k++) {
                long id = ids.next("distribution_transformer");
                Coordinate c = new Coordinate(vr.seat.x + (rnd.nextDouble() - 0.5) * vr.spacing * 2, vr.seat.y + (rnd.nextDouble() - 0.5) * vr.spacing * 2);
                if (!vr.local.contains(LocalProjection.LOCAL.createPoint(c))) {
                    c = vr.seat;
                }
                int kva = sizes[rnd.nextInt(sizes.length)];
                vr.transformers.add(new long[] {id, Math.round(c.x * 1000), Math.round(c.y * 1000), kva});
                t.transformer.add(id, county, vr.src.code(), shortVillage(vr) + (k + 1) + "号台区", county + "TQ" + String.format("%06d", id),
                        kva, 10, PV_HOSTING_RATIO, true, point(c));
            }
            Map<Long, double[]> load = new HashMap<>();
            int hhIndex = 0;
            for (ParcelRec p : vr.parcels) {
                if ("0702".equals(p.dlbm)) {
                    homesteadSerial++;
                    homestead(vr, p, vr.householdIds.get(hhIndex++ % vr.householdIds.size()), homesteadSerial, load);
                } else if ("1202".equals(p.dlbm)) {
                    facility(vr, p, load);
                }
            }
        }
    }

    private void homestead(VillageRec vr, ParcelRec p, long householdId, long serial, Map<Long, double[]> load) {
        long id = ids.next("homestead");
        double x = rnd.nextDouble();
        double idleShare = ch.pastoral() ? 0.16 : 0.12;
        String occupancy = x < idleShare ? "idle" : x < idleShare + 0.1 ? "seasonal" : "occupied";
        LocalDate idleSince = "idle".equals(occupancy) ? LocalDate.of(2012, 1, 1).plusDays(rnd.nextInt(4500)) : null;
        String revit = "none";
        if ("idle".equals(occupancy)) {
            double r = rnd.nextDouble();
            revit = r < 0.3 ? "offered" : r < 0.45 ? "negotiating" : r < 0.72 ? "revitalized" : "none";
        }
        t.homestead.add(id, county, vr.src.code(), p.id, householdId, county + "宅" + String.format("%07d", serial),
                round2(p.areaM2), round2(Math.min(p.areaM2, ch.pastoral() ? 1000 : 300)), occupancy, idleSince,
                asOf.minusDays(rnd.nextInt(500)), revit, true, p.lonLat);
        Polygon footprint = shrink(p.lonLat, 0.5);
        double footArea = Geodesy.area(footprint);
        int floors = "331126".equals(county) ? 2 + rnd.nextInt(2) : 1 + (rnd.nextDouble() < 0.3 ? 1 : 0);
        String[] structures = switch (county) {
            case "533401" -> new String[] {"wood", "earth", "stone", "brick_concrete"};
            case "331126" -> new String[] {"brick_wood", "brick_concrete", "wood"};
            default -> new String[] {"brick_concrete", "brick_wood", "earth"};
        };
        String condition = "idle".equals(occupancy)
                ? People.pick(new String[] {"fair", "poor", "poor", "dangerous"}, rnd)
                : People.pick(new String[] {"good", "good", "fair", "poor"}, rnd);
        t.house.add(ids.next("rural_house"), id, round2(footArea * floors), floors, People.pick(structures, rnd), 1975 + rnd.nextInt(48),
                condition, footprint);
        if ("revitalized".equals(revit) || "negotiating".equals(revit)) {
            String[] modes = {"lease", "lease", "equity", "cooperation", "self_operated"};
            String mode = People.pick(modes, rnd);
            String[] uses = {"homestay", "homestay", "catering", "culture", "ecommerce", "storage_cold_chain", "office", "elderly_care"};
            String use = People.pick(uses, rnd);
            LocalDate start = idleSince.plusDays(200 + rnd.nextInt(900));
            if (start.isAfter(asOf)) {
                start = asOf.minusDays(30);
            }
            LocalDate end = "lease".equals(mode) ? start.plusYears(5 + rnd.nextInt(16)) : start.plusYears(10 + rnd.nextInt(11));
            String[] parties = {"village_collective", "returnee", "urban_resident", "business"};
            String party = People.pick(parties, rnd);
            String partyName = switch (party) {
                case "village_collective" -> shortVillage(vr) + "股份经济合作社";
                case "business" -> countyShort + People.pick(FIRM_WORDS, rnd) + "文旅有限公司";
                case "returnee" -> "返乡创业人员";
                default -> "城镇居民";
            };
            boolean active = "revitalized".equals(revit);
            t.revitalization.add(ids.next("homestead_revitalization"), id, mode, party, partyName, use, start, end,
                    "lease".equals(mode) ? (double) (3000 + rnd.nextInt(17000)) : null, round2(5 + rnd.nextDouble() * 60),
                    active ? "active" : "proposed", active ? start.minusDays(20) : null, true);
            if (active && "homestay".equals(use)) {
                Point c = footprint.getCentroid();
                t.poi.add(ids.next("poi"), county, vr.src.code(), "homestay", shortVillage(vr) + "乡村民宿" + id, true, c);
            }
        }
        if (!"idle".equals(occupancy) && !"dangerous".equals(condition) && rnd.nextDouble() < 0.22) {
            String roof = "331126".equals(county) ? "tile" : ch.pastoral() ? "concrete_flat" : People.pick(new String[] {"tile", "concrete_flat"}, rnd);
            pv(vr, "homestead_roof", id, null, p.id, roof, footprint, "tile".equals(roof) ? 0.5 : 0.62, "natural_person", load);
        }
    }

    private void facility(VillageRec vr, ParcelRec p, Map<Long, double[]> load) {
        long id = ids.next("idle_facility");
        String kind = ch.pastoral() ? People.pick(new String[] {"livestock_shed", "livestock_shed", "greenhouse", "drying_yard", "warehouse"}, rnd)
                : People.pick(new String[] {"greenhouse", "greenhouse", "livestock_shed", "cold_storage", "warehouse"}, rnd);
        Polygon footprint = shrink(p.lonLat, 0.7);
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
            listingId = ids.next("circulation_listing");
            LocalDate listed = asOf.minusDays(rnd.nextInt(200));
            double mu = round2(p.areaM2 / Geodesy.M2_PER_MU);
            t.listing.add(listingId, county + "GP" + listed.getYear() + String.format("%06d", listingId), county, vr.src.code(),
                    shortVillage(vr) + "闲置" + label + "出租", "facility", false, mu, rent("facility"), 3 + rnd.nextInt(8), "lease",
                    "设施农业", listed, asOf.plusDays(60 + rnd.nextInt(120)), "listed", round2(roadDistance(p.lonLat)),
                    vr.township.src.name() + "农村经营管理站", true, multi(footprint));
            t.listingParcel.add(listingId, p.id);
            history(null, listingId, null, "listed", listed, vr.township.src.name() + "农村经营管理站", "闲置设施挂牌");
        }
        t.facility.add(id, county, vr.src.code(), p.id, kind, shortVillage(vr) + label + id, 2005 + rnd.nextInt(18),
                round2(Geodesy.area(footprint)), People.pick(new String[] {"good", "fair", "fair", "poor"}, rnd), status, listingId, true,
                multi(footprint));
        if (("livestock_shed".equals(kind) || "greenhouse".equals(kind)) && rnd.nextDouble() < 0.35) {
            pv(vr, "livestock_shed".equals(kind) ? "livestock_shed" : "greenhouse", null, id, p.id,
                    "greenhouse".equals(kind) ? "film" : "color_steel", footprint, 0.7,
                    rnd.nextDouble() < 0.6 ? "non_natural_person" : "natural_person", load);
        }
    }

    private void pv(VillageRec vr, String kind, Long homesteadId, Long facilityId, long parcelId, String roof, Polygon outline,
                    double usableRatio, String owner, Map<Long, double[]> load) {
        long id = ids.next("pv_site");
        double roofArea = round2(Geodesy.area(outline));
        double usable = round2(roofArea * usableRatio);
        // 150 W per m² of usable roof.
        double kw = round2(usable * 0.15);
        if (kw <= 0) {
            return;
        }
        Point c = outline.getCentroid();
        double lx = proj.toX(c.getX());
        double ly = proj.toY(c.getY());
        long[] nearest = vr.transformers.get(0);
        for (long[] tr : vr.transformers) {
            if (Math.hypot(tr[1] / 1000.0 - lx, tr[2] / 1000.0 - ly) < Math.hypot(nearest[1] / 1000.0 - lx, nearest[2] / 1000.0 - ly)) {
                nearest = tr;
            }
        }
        double x = rnd.nextDouble();
        String status = x < 0.33 ? "candidate" : x < 0.48 ? "surveyed" : x < 0.58 ? "filed" : x < 0.66 ? "approved" : x < 0.71 ? "building"
                : x < 0.98 ? "connected" : "rejected";
        Integer queue = null;
        double[] tl = load.computeIfAbsent(nearest[0], k -> new double[] {0, 0});
        boolean takesCapacity = switch (status) {
            case "filed", "approved", "building", "connected" -> true;
            default -> false;
        };
        // A transformer takes household PV up to a quarter of its rating; beyond that sites wait in a queue.
        double hosting = nearest[3] * PV_HOSTING_RATIO;
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
        t.pvSite.add(id, county, vr.src.code(), kind, homesteadId, facilityId, parcelId, roof, roofArea, usable, kw, ch.pvAnnualHours(), mode,
                owner, status, filedOrLater ? county + "PV" + String.format("%07d", id) : null, nearest[0], queue,
                "connected".equals(status) ? asOf.minusDays(rnd.nextInt(1400)) : null, true, outline);
    }

    private static Polygon shrink(Geometry g, double factor) {
        Polygon p = ParcelFabric.polygons(g).stream().max(Comparator.comparingDouble(Geometry::getArea)).orElseThrow();
        Point c = p.getInteriorPoint();
        Polygon s = (Polygon) AffineTransformation.scaleInstance(factor, factor, c.getX(), c.getY()).transform(p);
        s.setSRID(4490);
        return s;
    }

    // ---------------------------------------------------------------------------------------------- protection

    private void makeHighStandardFarmland() {
        double bucket = Math.max(3000, ch.fieldSpacingM() * 14);
        for (TownshipRec tr : townships) {
            Map<Long, List<ParcelRec>> buckets = new LinkedHashMap<>();
            for (VillageRec vr : tr.villages) {
                for (ParcelRec p : vr.parcels) {
                    if (!"farmland".equals(p.group)) {
                        continue;
                    }
                    int grade = p.slope <= 2 ? 1 : p.slope <= 6 ? 2 : p.slope <= 15 ? 3 : p.slope <= 25 ? 4 : 5;
                    p.pbf = grade <= 4 && rnd.nextDouble() < 0.8;
                    if (grade <= 3) {
                        Point c = p.plot.local().getInteriorPoint();
                        buckets.computeIfAbsent(cellKey((int) Math.floor(c.getX() / bucket), (int) Math.floor(c.getY() / bucket)),
                                k -> new ArrayList<>()).add(p);
                    }
                }
            }
            int k = 0;
            for (List<ParcelRec> ps : buckets.values()) {
                if (ps.size() < 3 || rnd.nextDouble() > 0.55) {
                    continue;
                }
                k++;
                long id = ids.next("high_standard_farmland_project");
                int year = 2012 + rnd.nextInt(14);
                String status = year <= 2021 ? "accepted" : year <= 2023 ? "completed" : year == 2024 ? "building" : "planned";
                Geometry g = union(ps.stream().map(p -> p.lonLat).toList());
                double area = Geodesy.area(g);
                double mu = area / Geodesy.M2_PER_MU;
                t.hsfProject.add(id, county, tr.src.code(), county + "GBNT" + year + String.format("%04d", id),
                        tr.src.name() + year + "年高标准农田建设项目（" + k + "片区）", year, status,
                        round2(mu * (0.15 + rnd.nextDouble() * 0.15)), round2(mu * (1 + rnd.nextDouble() * 0.08)), round2(area), true, g);
                boolean built = "completed".equals(status) || "accepted".equals(status);
                for (ParcelRec p : ps) {
                    p.hsfProjectId = id;
                    p.hsfBuilt = built;
                }
            }
        }
    }

    private void makeProtectionZones() {
        String bureau = src.name() + "自然资源局";
        for (TownshipRec tr : townships) {
            List<Geometry> pbf = new ArrayList<>();
            for (VillageRec vr : tr.villages) {
                for (ParcelRec p : vr.parcels) {
                    if (p.pbf) {
                        pbf.add(p.lonLat);
                    }
                }
            }
            if (!pbf.isEmpty()) {
                zone("permanent_basic_farmland", tr.src.name() + "永久基本农田", 2020, bureau, "永久基本农田“四严禁”：不得种植林果、挖塘养鱼等", union(pbf));
            }
        }
        if (ch.pastoral()) {
            String agri = src.name() + "农牧局";
            for (TownshipRec tr : townships) {
                double x = rnd.nextDouble();
                String type = x < 0.25 ? "grazing_ban" : x < 0.6 ? "rest_grazing" : "grass_livestock_balance";
                String rules = switch (type) {
                    case "grazing_ban" -> "全年禁牧，舍饲圈养";
                    case "rest_grazing" -> "每年4月1日至6月30日春季休牧";
                    default -> "按核定载畜量放牧，草畜平衡";
                };
                String label = switch (type) {
                    case "grazing_ban" -> "禁牧区";
                    case "rest_grazing" -> "休牧区";
                    default -> "草畜平衡区";
                };
                zone(type, tr.src.name() + label, 2021, agri, rules, multi(proj.toLonLat(tr.local)));
            }
        }
        // Livestock zones: prohibited near township seats and rivers (water protection), restricted around seats.
        List<Geometry> seats = new ArrayList<>();
        List<Geometry> wide = new ArrayList<>();
        for (TownshipRec tr : townships) {
            seats.add(LocalProjection.LOCAL.createPoint(tr.seat).buffer(1000, 12));
            wide.add(LocalProjection.LOCAL.createPoint(tr.seat).buffer(3000, 12));
        }
        for (Coordinate[] river : terrain.rivers()) {
            seats.add(LocalProjection.LOCAL.createLineString(river).buffer(500, 6));
        }
        Geometry prohibited = AdminLayout.polygonal(UnaryUnionOp.union(seats).intersection(countyLocal));
        Geometry restricted = AdminLayout.polygonal(UnaryUnionOp.union(wide).intersection(countyLocal).difference(prohibited));
        Geometry suitable = AdminLayout.polygonal(countyLocal.difference(prohibited.union(restricted)));
        String env = src.name() + "生态环境分局";
        zone("livestock_prohibited", src.name() + "畜禽养殖禁养区", 2019, env, "禁止建设畜禽养殖场", multi(proj.toLonLat(prohibited)));
        zone("livestock_restricted", src.name() + "畜禽养殖限养区", 2019, env, "限制新建、扩建规模养殖场", multi(proj.toLonLat(restricted)));
        zone("livestock_suitable", src.name() + "畜禽养殖适养区", 2019, env, "适度发展规模养殖", multi(proj.toLonLat(suitable)));
    }

    private void zone(String type, String name, int year, String authority, String rules, Geometry g) {
        if (g.isEmpty()) {
            return;
        }
        t.protectionZone.add(ids.next("protection_zone"), county, type, name, year, authority, rules, round2(Geodesy.area(g)), true, g);
    }

    private void writeTargets() {
        for (TargetDef d : ch.targets()) {
            t.target.add(county, d.year(), d.metric(), d.value(), d.unit(), d.cumulative(), d.source(), d.synthetic());
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private String shortVillage(VillageRec vr) {
        return vr.src.name().replaceAll("(村民委员会|村委会|居民委员会|居委会|嘎查村民委员会)$", "");
    }

    private Point point(Coordinate local) {
        Point p = LocalProjection.LONLAT.createPoint(proj.toLonLat(local));
        p.setSRID(4490);
        return p;
    }

    private static MultiPolygon multi(Geometry g) {
        MultiPolygon m = g instanceof MultiPolygon mp ? mp
                : LocalProjection.LONLAT.createMultiPolygon(ParcelFabric.polygons(g).toArray(Polygon[]::new));
        m.setSRID(4490);
        return m;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    int parcelCount() {
        return parcels.size();
    }
}
