package org.landatlas.demodata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/**
 * Rows of one table in PostgreSQL's COPY text format, built in memory so a whole data set is loaded with one
 * COPY per table, and hashed as it grows so two generations can be compared byte for byte (determinism). It also
 * hands out the table's ids, one counter over all counties of a data set, so ids are known before the COPY and
 * rows can refer to each other.
 */
public final class CopyTable {

    private final String name;
    private final List<String> columns;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream(1 << 16);
    private final MessageDigest digest;
    private final StringBuilder line = new StringBuilder(512);
    private final WKBWriter wkb = new WKBWriter(2, true);
    private int rows;
    private long lastId;

    CopyTable(String name, List<String> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    List<String> columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** The next id of this table: 1, 2, 3 … across all counties of the data set. */
    public long nextId() {
        return ++lastId;
    }

    byte[] bytes() {
        return data.toByteArray();
    }

    byte[] digest() {
        try {
            return ((MessageDigest) digest.clone()).digest();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One row, values in the order of the table's columns (null, geometries, lists, dates and numbers as COPY text). */
    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + columns.size() + " columns");
        }
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            append(values[i]);
        }
        line.append('\n');
        byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
        data.write(bytes, 0, bytes.length);
        digest.update(bytes);
        rows++;
    }

    private void append(Object v) {
        if (v == null) {
            line.append("\\N");
        } else if (v instanceof Geometry g) {
            line.append(WKBWriter.toHex(wkb.write(g)));
        } else if (v instanceof Boolean b) {
            line.append(b ? 't' : 'f');
        } else if (v instanceof Double d) {
            line.append(d.isNaN() ? "\\N" : Double.toString(d));
        } else if (v instanceof Number || v instanceof LocalDate) {
            line.append(v);
        } else if (v instanceof Collection<?> c) {
            line.append('{');
            boolean first = true;
            for (Object o : c) {
                if (!first) {
                    line.append(',');
                }
                first = false;
                line.append('"').append(o.toString().replace("\\", "\\\\\\\\").replace("\"", "\\\\\"")).append('"');
            }
            line.append('}');
        } else {
            escape(v.toString());
        }
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }
}
