package org.landatlas.region.demo;

import static org.landatlas.demodata.DemoGeometry.round2;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoTownship;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.landatlas.demodata.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Roads linking the township seats in a chain, the county seat and every village; a settlement per seat; and the
 * usual places around the seats (government, market, school, clinic …), plus places other parts open (homestays).
 */
@Component
@Order(700)
class InfrastructureDemoData implements DemoDataPart {

    static final DemoTable ROAD = DemoTable.serial("road", "id", "county_code", "road_class", "name", "ref", "width_m", "surface",
            "length_m", "synthetic", "geom");
    static final DemoTable SETTLEMENT = DemoTable.serial("settlement", "id", "county_code", "village_code", "name", "kind",
            "population", "synthetic", "geom");
    static final DemoTable POI = DemoTable.serial("poi", "id", "county_code", "village_code", "kind", "name", "synthetic", "geom");

    @Override
    public List<DemoTable> tables() {
        return List.of(ROAD, SETTLEMENT, POI);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        Network network = new Network(county);
        CopyTable pois = county.rows(POI);
        county.onPlace(p -> pois.add(pois.nextId(), county.code(), p.villageCode(), p.kind(), p.name(), true, p.lonLat()));
        return new CountyWork() {
            @Override
            public void network() {
                network.build();
            }
        };
    }

    private static final class Network {
        private final DemoCounty c;
        private final String county;
        private final CopyTable roads;
        private final CopyTable settlements;
        private final CopyTable pois;

        Network(DemoCounty c) {
            this.c = c;
            this.county = c.code();
            this.roads = c.rows(ROAD);
            this.settlements = c.rows(SETTLEMENT);
            this.pois = c.rows(POI);
        }

        void build() {
            DemoTownship seatTownship = c.seatTownship();
            Coordinate countySeat = seatTownship.seat();
            List<DemoTownship> chain = new ArrayList<>(c.townships());
            Envelope env = c.local().getEnvelopeInternal();
            boolean wide = env.getWidth() >= env.getHeight();
            chain.sort(Comparator.comparingDouble(tr -> wide ? tr.seat().x : tr.seat().y));
            for (int k = 1; k < chain.size(); k++) {
                road("provincial", chain.get(k - 1).name() + "—" + chain.get(k).name() + "公路", chain.get(k - 1).seat(),
                        chain.get(k).seat(), 12, "asphalt");
            }
            for (DemoTownship tr : c.townships()) {
                if (tr != seatTownship && Math.abs(chain.indexOf(tr) - chain.indexOf(seatTownship)) > 1) {
                    road("county", c.shortName() + "城区—" + tr.name() + "公路", countySeat, tr.seat(), 8, "asphalt");
                }
                for (DemoVillage vr : tr.villages()) {
                    road("township", tr.name() + "—" + vr.shortName() + "通村公路", tr.seat(), vr.seat(), 5.5,
                            c.rnd().nextDouble() < 0.7 ? "concrete" : "asphalt");
                }
            }
            for (DemoTownship tr : c.townships()) {
                long sid = settlements.nextId();
                settlements.add(sid, county, null, tr == seatTownship ? c.name() + "城区（" + tr.name() + "）" : tr.name() + "集镇",
                        tr == seatTownship ? "county_seat" : "township_seat", tr.population() / 3, true, c.point(tr.seat()));
                poi("government", null, tr.name() + "人民政府", tr.seat(), 60, 30);
                poi("market", null, tr.name() + "农贸市场", tr.seat(), -120, 80);
                poi("service_station", null, tr.name() + "农村经营管理站", tr.seat(), 90, -70);
                int v = 0;
                for (DemoVillage vr : tr.villages()) {
                    settlements.add(settlements.nextId(), county, vr.code(), vr.shortName(), "village", vr.population(), true, c.point(vr.seat()));
                    if (v % 3 == 0) {
                        poi("school", vr.code(), vr.shortName() + "小学", vr.seat(), 80, 50);
                    }
                    if (v % 2 == 0) {
                        poi("clinic", vr.code(), vr.shortName() + "卫生室", vr.seat(), -50, 40);
                    }
                    if (v % 4 == 1) {
                        poi("bus_stop", vr.code(), vr.shortName() + "站", vr.seat(), 20, -90);
                    }
                    if ("533401".equals(county) && v % 5 == 2) {
                        poi("temple", vr.code(), vr.shortName() + "嘛呢堆", vr.seat(), 300, 260);
                    }
                    if (v % 6 == 3) {
                        poi("scenic_spot", vr.code(), vr.shortName() + "观景台", vr.seat(), 900, 700);
                    }
                    v++;
                }
            }
        }

        private void road(String cls, String name, Coordinate a, Coordinate b, double width, String surface) {
            List<Coordinate> pts = new ArrayList<>();
            pts.add(a);
            pts.add(b);
            // Midpoint displacement, three passes: roads bend instead of running ruler-straight.
            for (int pass = 0; pass < 3; pass++) {
                List<Coordinate> next = new ArrayList<>();
                for (int k = 1; k < pts.size(); k++) {
                    Coordinate p = pts.get(k - 1);
                    Coordinate q = pts.get(k);
                    double len = p.distance(q);
                    double off = (c.rnd().nextDouble() - 0.5) * len * 0.18;
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
            Geometry clipped = line.intersection(c.local());
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
            c.addRoad(local);
            Geometry ll = c.projection().toLonLat(local);
            roads.add(roads.nextId(), county, cls, name, null, width, surface, round2(Geodesy.length(ll)), true, ll);
        }

        private void poi(String kind, String villageCode, String name, Coordinate near, double dx, double dy) {
            Coordinate p = new Coordinate(near.x + dx, near.y + dy);
            if (!c.local().contains(LocalProjection.LOCAL.createPoint(p))) {
                p = near;
            }
            pois.add(pois.nextId(), county, villageCode, kind, name, true, c.point(p));
        }
    }
}
