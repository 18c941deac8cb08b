package org.landatlas.demodata;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows of one generated data set, one {@link CopyTable} per declared table, in load order. */
final class DemoDataSet {

    private final Map<DemoTable, CopyTable> tables = new LinkedHashMap<>();

    DemoDataSet(List<DemoTable> inLoadOrder) {
        for (DemoTable t : inLoadOrder) {
            tables.put(t, new CopyTable(t.name(), t.columns()));
        }
    }

    /** The rows of a table; only declared tables can be written. */
    CopyTable rows(DemoTable table) {
        CopyTable rows = tables.get(table);
        if (rows == null) {
            throw new IllegalArgumentException("table " + table.name() + " is not declared by any demo-data part");
        }
        return rows;
    }

    List<CopyTable> inLoadOrder() {
        return new ArrayList<>(tables.values());
    }

    /** One digest over every table: equal digests mean byte-identical data sets. */
    String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (CopyTable t : tables.values()) {
                md.update(t.name().getBytes(StandardCharsets.UTF_8));
                md.update(t.digest());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
