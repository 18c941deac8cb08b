package org.landatlas.demodata;

import java.util.LinkedHashMap;
import java.util.Map;

/** Generates a whole profile in memory. Pure: no database, no clock; the same profile gives the same bytes. */
public final class DemoGenerator {

    /** Bump when generated content changes, so a running installation replaces its old demo load. */
    public static final int VERSION = 2;

    private DemoGenerator() {
    }

    public record Result(DemoProfile profile, DemoTables tables, Map<String, Integer> parcelsByCounty, long millis) {

        public String digest() {
            return tables.digest();
        }

        public int parcelCount() {
            return parcelsByCounty.values().stream().mapToInt(Integer::intValue).sum();
        }

        public Map<String, Integer> rowCounts() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (CopyTable t : tables.inLoadOrder()) {
                counts.put(t.name(), t.rows());
            }
            return counts;
        }
    }

    public static Result generate(DemoProfile profile) {
        long t0 = System.nanoTime();
        DemoTables tables = new DemoTables();
        CountyGenerator.Ids ids = new CountyGenerator.Ids();
        LandClassNames names = new LandClassNames();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (DemoProfile.CountyQuota q : profile.counties()) {
            CountyGenerator g = new CountyGenerator(CountySource.load(q.code()), q.parcels(), profile.seed(), profile.asOf(), ids, tables, names);
            g.generate();
            counts.put(q.code(), g.parcelCount());
        }
        return new Result(profile, tables, counts, (System.nanoTime() - t0) / 1_000_000);
    }
}
