package org.landatlas.demodata;

import java.util.List;

/**
 * A table a demo-data part fills: its name, the columns it writes (in the order of each row's values), whether
 * its {@code id} sequence must be moved past the loaded ids, and whether non-synthetic rows in it mean the
 * database holds real data, which a demo load never replaces.
 */
public record DemoTable(String name, List<String> columns, boolean serialId, boolean guardsRealData) {

    public DemoTable {
        columns = List.copyOf(columns);
    }

    /** A table with a serial {@code id} (written by the part or left to the sequence). */
    public static DemoTable serial(String name, String... columns) {
        return new DemoTable(name, List.of(columns), true, false);
    }

    /** A table without an id sequence (keyed by codes or by the ids of other tables). */
    public static DemoTable keyed(String name, String... columns) {
        return new DemoTable(name, List.of(columns), false, false);
    }

    /** The same table, marked as one whose real (non-synthetic) rows stop a demo load. */
    public DemoTable guardingRealData() {
        return new DemoTable(name, columns, serialId, true);
    }
}
