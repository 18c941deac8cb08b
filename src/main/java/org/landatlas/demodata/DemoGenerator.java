package org.landatlas.demodata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Generates a whole profile in memory from the {@link DemoDataPart}s of the features. Pure: no database, no clock;
 * the same profile gives the same bytes.
 */
@Component
final class DemoGenerator {

    /** Bump when generated content changes, so a running installation replaces its old demo load. */
    public static final int VERSION = 6;

    private final List<DemoDataPart> parts;
    private final List<DemoTable> tables;

    /** @param parts in load order (Spring sorts them by {@code @Order}) */
    public DemoGenerator(List<DemoDataPart> parts) {
        this.parts = List.copyOf(parts);
        List<DemoTable> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (DemoDataPart part : this.parts) {
            for (DemoTable t : part.tables()) {
                if (!names.add(t.name())) {
                    throw new IllegalStateException("table " + t.name() + " is declared by two demo-data parts (again by "
                            + part.getClass().getName() + ")");
                }
                all.add(t);
            }
        }
        this.tables = List.copyOf(all);
    }

    public record Result(DemoProfile profile, DemoDataSet tables, Map<String, Integer> parcelsByCounty, long millis) {

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

    /** Every table the parts fill, in load order. */
    List<DemoTable> tables() {
        return tables;
    }

    /** What the database derives after a load, in part order. */
    List<String> afterLoad() {
        return parts.stream().flatMap(p -> p.afterLoad().stream()).toList();
    }

    public Result generate(DemoProfile profile) {
        long t0 = System.nanoTime();
        DemoDataSet data = new DemoDataSet(tables);
        LandClassNames names = new LandClassNames();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (DemoProfile.CountyQuota q : profile.counties()) {
            DemoCounty county = new DemoCounty(CountySource.load(q.code()), q.parcels(), q.contracts(), profile.seed(), profile.asOf(), data, names);
            grow(county);
            counts.put(q.code(), county.parcels().size());
        }
        return new Result(profile, data, counts, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Runs every part through the county's phases, phase by phase, parts in order within each. */
    private void grow(DemoCounty county) {
        List<DemoDataPart.CountyWork> work = parts.stream().map(p -> p.start(county)).toList();
        work.forEach(DemoDataPart.CountyWork::ground);
        work.forEach(DemoDataPart.CountyWork::fields);
        work.forEach(DemoDataPart.CountyWork::people);
        work.forEach(DemoDataPart.CountyWork::network);
        work.forEach(DemoDataPart.CountyWork::parties);
        for (DemoVillage village : county.villages()) {
            work.forEach(w -> w.village(village));
            for (DemoParcel parcel : village.parcels()) {
                work.forEach(w -> w.plot(parcel));
            }
        }
        work.forEach(DemoDataPart.CountyWork::market);
        work.forEach(DemoDataPart.CountyWork::protection);
        work.forEach(DemoDataPart.CountyWork::records);
    }
}
