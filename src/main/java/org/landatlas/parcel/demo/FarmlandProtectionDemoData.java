package org.landatlas.parcel.demo;

import static org.landatlas.demodata.DemoGeometry.multi;
import static org.landatlas.demodata.DemoGeometry.round2;
import static org.landatlas.demodata.DemoGeometry.union;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.CountyCharacter;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoGeometry;
import org.landatlas.demodata.DemoParcel;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoTownship;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.landatlas.demodata.LocalProjection;
import org.landatlas.platform.Mu;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Permanent basic farmland on the flatter fields, high-standard farmland projects over clusters of them, and the
 * protection zones (basic farmland per township, grazing rules on pastoral counties, livestock zones around seats
 * and rivers); the ecological red line is cut from the DEM by the database after the load.
 * Loads before the parcels, whose rows refer to the projects.
 */
@Component
@Order(250)
class FarmlandProtectionDemoData implements DemoDataPart {

    static final DemoTable HSF_PROJECT = DemoTable.serial("high_standard_farmland_project", "id", "county_code", "township_code",
            "project_no", "name", "project_year", "status", "investment_wan_yuan", "planned_area_mu", "area_m2", "synthetic", "geom");
    static final DemoTable PROTECTION_ZONE = DemoTable.serial("protection_zone", "id", "county_code", "zone_type", "name",
            "designated_year", "authority", "rules", "area_m2", "synthetic", "geom");

    /** Ecological red line: the highest fifth of each county's relief, where natural land is protected. */
    private static final String RED_LINE = """
            INSERT INTO protection_zone (county_code, zone_type, name, designated_year, authority, rules, area_m2, synthetic, geom)
            SELECT county_code, 'ecological_red_line', name || '生态保护红线', 2022, name || '自然资源局',
                   '生态保护红线内原则上禁止开发性、生产性建设活动', ST_Area(geom::geography), true, geom
            FROM (
              SELECT d.county_code, a.name,
                     ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(ST_Union(dp.geom), a.boundary)), 3)) AS geom
              FROM dem d
              JOIN admin_unit a ON a.code = d.county_code
              CROSS JOIN LATERAL (SELECT d.min_elevation_m + (d.max_elevation_m - d.min_elevation_m) * 0.8 AS threshold) th
              CROSS JOIN LATERAL ST_DumpAsPolygons(ST_Reclass(d.rast, 1,
                  format('[0-%s):0,[%s-20000]:1', th.threshold, th.threshold), '8BUI', 0)) dp
              WHERE NOT EXISTS (SELECT 1 FROM protection_zone z WHERE z.county_code = d.county_code AND z.zone_type = 'ecological_red_line')
              GROUP BY d.county_code, a.name, a.boundary) red
            WHERE NOT ST_IsEmpty(geom)""";

    @Override
    public List<DemoTable> tables() {
        return List.of(HSF_PROJECT, PROTECTION_ZONE);
    }

    @Override
    public List<String> afterLoad() {
        return List.of(RED_LINE);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        return new CountyWork() {
            @Override
            public void protection() {
                highStandardFarmland(county);
                zones(county);
            }
        };
    }

    private static void highStandardFarmland(DemoCounty c) {
        CountyCharacter ch = c.character();
        SplittableRandom rnd = c.rnd();
        CopyTable projects = c.rows(HSF_PROJECT);
        String county = c.code();
        double bucket = Math.max(3000, ch.fieldSpacingM() * 14);
        for (DemoTownship tr : c.townships()) {
            Map<Long, List<DemoParcel>> buckets = new LinkedHashMap<>();
            for (DemoVillage vr : tr.villages()) {
                for (DemoParcel p : vr.parcels()) {
                    if (!"farmland".equals(p.group())) {
                        continue;
                    }
                    int grade = ParcelDemoData.slopeGrade(p.slopeDeg());
                    p.permanentBasicFarmland(grade <= 4 && rnd.nextDouble() < 0.8);
                    if (grade <= 3) {
                        Point centre = p.plot().local().getInteriorPoint();
                        buckets.computeIfAbsent(cellKey((int) Math.floor(centre.getX() / bucket), (int) Math.floor(centre.getY() / bucket)),
                                k -> new ArrayList<>()).add(p);
                    }
                }
            }
            int k = 0;
            for (List<DemoParcel> ps : buckets.values()) {
                if (ps.size() < 3 || rnd.nextDouble() > 0.55) {
                    continue;
                }
                k++;
                long id = projects.nextId();
                int year = 2012 + rnd.nextInt(14);
                String status = year <= 2021 ? "accepted" : year <= 2023 ? "completed" : year == 2024 ? "building" : "planned";
                Geometry g = union(ps.stream().map(DemoParcel::lonLat).toList());
                double area = Geodesy.area(g);
                double mu = area / Mu.M2_PER_MU;
                projects.add(id, county, tr.code(), county + "GBNT" + year + String.format("%04d", id),
                        tr.name() + year + "年高标准农田建设项目（" + k + "片区）", year, status,
                        round2(mu * (0.15 + rnd.nextDouble() * 0.15)), round2(mu * (1 + rnd.nextDouble() * 0.08)), round2(area), true, g);
                boolean built = "completed".equals(status) || "accepted".equals(status);
                for (DemoParcel p : ps) {
                    p.hsfProject(id, built);
                }
            }
        }
    }

    private static long cellKey(int i, int j) {
        return ((long) i << 32) ^ (j & 0xffffffffL);
    }

    private static void zones(DemoCounty c) {
        String bureau = c.name() + "自然资源局";
        for (DemoTownship tr : c.townships()) {
            List<Geometry> pbf = new ArrayList<>();
            for (DemoVillage vr : tr.villages()) {
                for (DemoParcel p : vr.parcels()) {
                    if (p.permanentBasicFarmland()) {
                        pbf.add(p.lonLat());
                    }
                }
            }
            if (!pbf.isEmpty()) {
                zone(c, "permanent_basic_farmland", tr.name() + "永久基本农田", 2020, bureau, "永久基本农田“四严禁”：不得种植林果、挖塘养鱼等",
                        union(pbf));
            }
        }
        if (c.character().pastoral()) {
            String agri = c.name() + "农牧局";
            for (DemoTownship tr : c.townships()) {
                double x = c.rnd().nextDouble();
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
                zone(c, type, tr.name() + label, 2021, agri, rules, multi(c.projection().toLonLat(tr.local())));
            }
        }
        // Livestock zones: prohibited near township seats and rivers (water protection), restricted around seats.
        List<Geometry> seats = new ArrayList<>();
        List<Geometry> wide = new ArrayList<>();
        for (DemoTownship tr : c.townships()) {
            seats.add(LocalProjection.LOCAL.createPoint(tr.seat()).buffer(1000, 12));
            wide.add(LocalProjection.LOCAL.createPoint(tr.seat()).buffer(3000, 12));
        }
        for (Coordinate[] river : c.terrain().rivers()) {
            seats.add(LocalProjection.LOCAL.createLineString(river).buffer(500, 6));
        }
        Geometry countyLocal = c.local();
        Geometry prohibited = DemoGeometry.polygonal(UnaryUnionOp.union(seats).intersection(countyLocal));
        Geometry restricted = DemoGeometry.polygonal(UnaryUnionOp.union(wide).intersection(countyLocal).difference(prohibited));
        Geometry suitable = DemoGeometry.polygonal(countyLocal.difference(prohibited.union(restricted)));
        String env = c.name() + "生态环境分局";
        zone(c, "livestock_prohibited", c.name() + "畜禽养殖禁养区", 2019, env, "禁止建设畜禽养殖场", multi(c.projection().toLonLat(prohibited)));
        zone(c, "livestock_restricted", c.name() + "畜禽养殖限养区", 2019, env, "限制新建、扩建规模养殖场", multi(c.projection().toLonLat(restricted)));
        zone(c, "livestock_suitable", c.name() + "畜禽养殖适养区", 2019, env, "适度发展规模养殖", multi(c.projection().toLonLat(suitable)));
    }

    private static void zone(DemoCounty c, String type, String name, int year, String authority, String rules, Geometry g) {
        if (g.isEmpty()) {
            return;
        }
        CopyTable zones = c.rows(PROTECTION_ZONE);
        zones.add(zones.nextId(), c.code(), type, name, year, authority, rules, round2(Geodesy.area(g)), true, g);
    }
}
