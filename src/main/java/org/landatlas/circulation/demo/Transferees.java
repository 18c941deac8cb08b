package org.landatlas.circulation.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.landatlas.demodata.CopyTable;
import org.landatlas.demodata.DemoCounty;
import org.landatlas.demodata.DemoVillage;
import org.landatlas.demodata.People;

/** The transferees of one county, and which of them takes a contract on a kind of land. */
final class Transferees {

    private final DemoCounty c;
    private final SplittableRandom rnd;
    private final List<Long> pool = new ArrayList<>();
    private final Map<Long, String> kindById = new HashMap<>();

    Transferees(DemoCounty c) {
        this.c = c;
        this.rnd = c.rnd();
    }

    private String[] businesses() {
        return switch (c.code()) {
            case "150627", "150724" -> new String[] {"农牧业", "饲草", "肉羊养殖", "马铃薯种植", "奶牛养殖", "生态农业"};
            case "533401" -> new String[] {"青稞", "中药材", "牦牛养殖", "酿酒葡萄", "高原特色农业", "食用菌"};
            default -> new String[] {"食用菌", "茶业", "竹业", "农业开发", "水果种植", "生态农业"};
        };
    }

    void make() {
        CopyTable transferees = c.rows(CirculationDemoData.TRANSFEREE);
        CopyTable contacts = c.rows(CirculationDemoData.TRANSFEREE_CONTACT);
        String county = c.code();
        int n = Math.max(20, Math.min(150, 20 + c.quota() / 300));
        String[] biz = businesses();
        List<DemoVillage> vs = c.villages();
        Set<String> used = new HashSet<>();
        for (int k = 0; k < n; k++) {
            double x = rnd.nextDouble();
            String kind = x < 0.25 ? "enterprise" : x < 0.6 ? "cooperative" : x < 0.82 ? "family_farm" : x < 0.95 ? "large_grower" : "village_collective";
            DemoVillage home = vs.get(rnd.nextInt(vs.size()));
            String business = People.pick(biz, rnd);
            String name = switch (kind) {
                case "enterprise" -> c.shortName() + People.firmWord(rnd) + business + "有限公司";
                case "cooperative" -> home.shortName() + business + "专业合作社";
                case "family_farm" -> home.shortName() + People.firmWord(rnd) + "家庭农场";
                case "large_grower" -> home.shortName() + "种养大户";
                default -> home.shortName() + "股份经济合作社";
            };
            String unique = name;
            for (int s = 2; !used.add(unique); s++) {
                unique = name + "（" + s + "）";
            }
            long id = transferees.nextId();
            String credit = switch (kind) {
                case "enterprise" -> People.creditCode("91", county, rnd);
                case "cooperative" -> People.creditCode("93", county, rnd);
                case "village_collective" -> People.creditCode("N2", county, rnd);
                case "family_farm" -> People.creditCode("92", county, rnd);
                default -> null;
            };
            transferees.add(id, county, kind, unique, credit, 2008 + rnd.nextInt(16), business, true);
            contacts.add(id, People.name(county, rnd), People.phone(rnd), People.idNumber(county, rnd));
            pool.add(id);
            kindById.put(id, kind);
        }
    }

    /** A transferee that fits the land (enterprises seldom take pasture, large growers no forest). */
    long pick(String landKind) {
        for (int attempt = 0; attempt < 20; attempt++) {
            long id = pool.get(rnd.nextInt(pool.size()));
            String kind = kindById.get(id);
            boolean fits = switch (landKind) {
                case "pasture" -> !"enterprise".equals(kind) || rnd.nextDouble() < 0.3;
                case "forest" -> !"large_grower".equals(kind);
                default -> true;
            };
            if (fits) {
                return id;
            }
        }
        return pool.get(0);
    }
}
