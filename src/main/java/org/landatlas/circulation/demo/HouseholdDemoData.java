package org.landatlas.circulation.demo;

import static org.landatlas.demodata.DemoGeometry.round2;

import java.util.List;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoDataPart;
import org.landatlas.demodata.DemoTable;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.People;
import org.landatlas.platform.Mu;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The households of every village, each with its share of the village's contracted farmland, and their
 * synthetic identities (in the personal schema). Transferors of contracts and holders of homesteads are drawn
 * from them.
 */
@Component
@Order(390)
class HouseholdDemoData implements DemoDataPart {

    static final DemoTable HOUSEHOLD = DemoTable.serial("household", "id", "village_code", "household_no", "members",
            "contracted_area_mu", "synthetic", "county_code");
    static final DemoTable HOUSEHOLD_IDENTITY = DemoTable.keyed("personal.household_identity", "household_id", "head_name",
            "id_number", "phone", "address", "county_code");

    @Override
    public List<DemoTable> tables() {
        return List.of(HOUSEHOLD, HOUSEHOLD_IDENTITY);
    }

    @Override
    public CountyWork start(DemoCounty county) {
        return new CountyWork() {
            @Override
            public void people() {
                households(county);
            }
        };
    }

    private static void households(DemoCounty c) {
        CopyTable households = c.rows(HOUSEHOLD);
        CopyTable identities = c.rows(HOUSEHOLD_IDENTITY);
        SplittableRandom rnd = c.rnd();
        String county = c.code();
        for (DemoVillage vr : c.villages()) {
            double farmlandMu = vr.parcels().stream().filter(p -> "farmland".equals(p.group()))
                    .mapToDouble(p -> p.areaM2() / Mu.M2_PER_MU).sum();
            for (int k = 0; k < vr.householdCount(); k++) {
                long id = households.nextId();
                vr.addHousehold(id);
                double share = farmlandMu / vr.householdCount() * (0.4 + rnd.nextDouble() * 1.2);
                households.add(id, vr.code(), vr.code() + String.format("%04d", k + 1), 1 + rnd.nextInt(6), round2(share), true, county);
                identities.add(id, People.name(county, rnd), People.idNumber(county, rnd), People.phone(rnd),
                        c.name() + vr.township().name() + vr.name(), county);
            }
        }
    }
}
