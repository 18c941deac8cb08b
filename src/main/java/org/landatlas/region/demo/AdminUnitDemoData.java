package org.landatlas.region.demo;

import static org.landatlas.demodata.DemoGeometry.multi;

import java.util.List;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoTownship;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.Geodesy;
import org.locationtech.jts.geom.Geometry;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The county, its real townships and villages with their codes, on the synthetic boundaries of the county's layout. */
@Component
@Order(100)
class AdminUnitDemoData implements DemoDataPart {

    static final DemoTable ADMIN_UNIT = DemoTable.keyed("admin_unit", "code", "level", "name", "kind", "parent_code", "county_code",
            "province_name", "city_name", "population", "households", "area_m2", "synthetic", "boundary", "seat").guardingRealData();

    @Override
    public List<DemoTable> tables() {
        return List.of(ADMIN_UNIT);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        return new CountyWork() {
            @Override
            public void ground() {
                write(county);
            }
        };
    }

    private static void write(DemoCounty c) {
        CopyTable units = c.rows(ADMIN_UNIT);
        String county = c.code();
        int pop = c.townships().stream().mapToInt(DemoTownship::population).sum();
        int hh = c.townships().stream().mapToInt(DemoTownship::householdCount).sum();
        Geometry countyLonLat = multi(c.projection().toLonLat(c.local()));
        units.add(county, "county", c.name(), kindOfCounty(c.name()), null, county, c.province(), c.city(), pop, hh,
                Geodesy.area(countyLonLat), true, countyLonLat, c.point(c.seatTownship().seat()));
        for (DemoTownship tr : c.townships()) {
            Geometry g = multi(c.projection().toLonLat(tr.local()));
            units.add(tr.code(), "township", tr.name(), tr.kind(), county, county, c.province(), c.city(),
                    tr.population(), tr.householdCount(), Geodesy.area(g), true, g, c.point(tr.seat()));
        }
        for (DemoTownship tr : c.townships()) {
            for (DemoVillage vr : tr.villages()) {
                Geometry g = multi(c.projection().toLonLat(vr.local()));
                units.add(vr.code(), "village", vr.name(), vr.kind(), tr.code(), county, c.province(),
                        c.city(), vr.population(), vr.householdCount(), Geodesy.area(g), true, g, c.point(vr.seat()));
            }
        }
    }

    private static String kindOfCounty(String name) {
        return name.endsWith("旗") ? "旗" : name.endsWith("市") ? "市" : "县";
    }
}
