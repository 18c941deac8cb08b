package org.landatlas.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.relay.Connection;
import graphql.relay.Edge;
import graphql.relay.PageInfo;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.SelectedField;
import tools.jackson.core.SerializableString;
import tools.jackson.databind.util.RawValue;

/**
 * A connection whose whole selection is flat — totals, pageInfo, and edges of cursors and nodes of plain fields
 * (scalars, enums, GeoJSON) — written as UTF-8 JSON straight from the result set, in the order and with the
 * aliases of the query. GeoJSON made by PostGIS is copied as bytes. graphql-java takes the result as a completed
 * value ({@link FlatObjectExecutionStrategy}); for a viewport page that replaces thousands of field resolutions,
 * maps and string conversions by one pass over the rows. Any other selection goes the ordinary way.
 */
final class RenderedConnection implements Connection<Object> {

    static final Set<String> CONNECTION_FIELDS = Set.of("totalCount", "totalAreaMu", "totalCapacityKw", "edges", "pageInfo", "__typename");
    private static final Set<String> PAGE_INFO_FIELDS = Set.of("hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename");

    private static final int SCRATCH_KEEP = 2 * 1024 * 1024;
    private static final ThreadLocal<Json> SCRATCH = ThreadLocal.withInitial(() -> new Json(256 * 1024));

    private final byte[] json;
    private final int rows;

    private RenderedConnection(byte[] json, int rows) {
        this.json = json;
        this.rows = rows;
    }

    RawValue raw() {
        return new Page(new Utf8(json), rows);
    }

    /** The JSON of a rendered page as graphql-java returns it, with the number of rows it holds (for its actual cost). */
    static final class Page extends RawValue {
        final int rows;

        Page(Utf8 json, int rows) {
            super(json);
            this.rows = rows;
        }
    }

    @Override
    public List<Edge<Object>> getEdges() {
        throw new IllegalStateException("a rendered connection is JSON text; read it through GraphQL");
    }

    @Override
    public PageInfo getPageInfo() {
        throw new IllegalStateException("a rendered connection is JSON text; read it through GraphQL");
    }

    /** What a flat selection asks for; null when the selection is not flat. */
    record Plan(List<SelectedField> top, List<SelectedField> edgeFields, List<SelectedField> nodeFields, List<SelectedField> pageFields,
                int[] kinds, boolean[] nonNull) {
    }

    static final int STRING = 0;
    static final int NUMBER = 1;
    static final int BOOLEAN = 2;
    static final int GEOJSON = 3;
    static final int TYPENAME = 4;
    static final int ID = 5;

    static Plan plan(DataFetchingFieldSelectionSet selection, Projection projection, Set<String> extraFields) {
        List<SelectedField> top = immediate(selection, "");
        List<SelectedField> edgeFields = immediate(selection, "edges");
        List<SelectedField> nodeFields = immediate(selection, "edges/node");
        List<SelectedField> pageFields = immediate(selection, "pageInfo");
        for (SelectedField f : top) {
            if (!CONNECTION_FIELDS.contains(f.getName())) {
                return null;
            }
        }
        // Fields selected twice under aliases (a: edges {…} b: edges {…}) may ask for different subfields, which
        // the glob lookups below merge: such selections go the ordinary way.
        if (count(top, "edges") > 1 || count(top, "pageInfo") > 1 || count(edgeFields, "node") > 1) {
            return null;
        }
        for (SelectedField f : edgeFields) {
            if (!Set.of("cursor", "node", "__typename").contains(f.getName())) {
                return null;
            }
        }
        for (SelectedField f : pageFields) {
            if (!PAGE_INFO_FIELDS.contains(f.getName())) {
                return null;
            }
        }
        int[] kinds = new int[nodeFields.size()];
        boolean[] nonNull = new boolean[nodeFields.size()];
        for (int i = 0; i < kinds.length; i++) {
            SelectedField f = nodeFields.get(i);
            if (f.getName().equals("__typename")) {
                kinds[i] = TYPENAME;
                continue;
            }
            if (!projection.has(f.getName()) && !extraFields.contains(f.getName())) {
                return null;
            }
            GraphQLOutputType type = f.getType();
            GraphQLOutputType bare = (GraphQLOutputType) GraphQLTypeUtil.unwrapNonNull(type);
            nonNull[i] = type instanceof GraphQLNonNull;
            if (bare instanceof GraphQLEnumType) {
                kinds[i] = STRING;
            } else if (bare instanceof GraphQLScalarType s) {
                kinds[i] = switch (s.getName()) {
                    case "Int", "Float" -> NUMBER;
                    case "Boolean" -> BOOLEAN;
                    case "GeoJSON" -> GEOJSON;
                    case "ID" -> ID;
                    case "String" -> STRING;
                    default -> -1;
                };
                if (kinds[i] < 0) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return new Plan(top, edgeFields, nodeFields, pageFields, kinds, nonNull);
    }

    private static long count(List<SelectedField> fields, String name) {
        return fields.stream().filter(f -> f.getName().equals(name)).count();
    }

    /**
     * The fields selected directly under {@code path} ("" for the top, "edges/node" for a connection's nodes), all
     * same-named fields along the path merged. Walked over the immediate fields rather than matched with
     * {@code getFields("edges/node/*")}: graphql-java compiles every glob to a regular expression on each call,
     * which cost a viewport request about 7 % of its CPU (bench/RESULTS.md, issue #9).
     */
    static List<SelectedField> immediate(DataFetchingFieldSelectionSet selection, String path) {
        List<SelectedField> level = selection.getImmediateFields();
        if (path.isEmpty()) {
            return level;
        }
        for (String name : path.split("/")) {
            List<SelectedField> next = new java.util.ArrayList<>();
            for (SelectedField f : level) {
                if (f.getName().equals(name)) {
                    next.addAll(f.getSelectionSet().getImmediateFields());
                }
            }
            level = next;
        }
        return level;
    }

    /** Whether a field of this name is selected at the top of {@code selection} (without a glob, see above). */
    static boolean selects(DataFetchingFieldSelectionSet selection, String name) {
        for (SelectedField f : selection.getImmediateFields()) {
            if (f.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** SQL column label of node field i (geometry fields are labelled per alias by {@link Projection}). */
    static String column(Plan plan, int i) {
        SelectedField f = plan.nodeFields().get(i);
        return plan.kinds()[i] == GEOJSON ? f.getName() + "@" + f.getResultKey() : f.getName();
    }

    /**
     * Renders the page from the result set (at most limit rows; one more row only tells that more follow), or
     * returns null when a non-null field turns out null, so the caller can take the ordinary path and let
     * graphql-java report it.
     */
    static RenderedConnection render(Plan plan, ResultSet rs, PageRequest page, Map<String, Object> totals, String typeName) throws SQLException {
        int[] rows = new int[1];
        byte[] json = write(plan, rs, page, totals, typeName, rows);
        return json == null ? null : new RenderedConnection(json, rows[0]);
    }

    /**
     * Keys are encoded once per page and text columns are copied as the UTF-8 bytes the driver received, escaped
     * in place: per row, only the values are touched. Written by hand rather than with Jackson's JsonGenerator: a
     * byte-identical generator variant (raw UTF-8 values, pre-built names) measured the same throughput in an A/B
     * run (0.995×, bench/RESULTS.md) but needed as much code of its own (custom escapes, edges spliced in behind
     * pageInfo), so only one is kept.
     */
    private static byte[] write(Plan plan, ResultSet rs, PageRequest page, Map<String, Object> totals, String typeName, int[] rows) throws SQLException {
        int n = plan.nodeFields().size();
        int[] columns = new int[n];
        boolean[] textColumn = new boolean[n];
        byte[][] nodeKeys = new byte[n][];
        boolean[] textFormat = new boolean[n];
        ResultSetMetaData meta = rs.getMetaData();
        org.postgresql.PGResultSetMetaData pgMeta = meta.isWrapperFor(org.postgresql.PGResultSetMetaData.class)
                ? meta.unwrap(org.postgresql.PGResultSetMetaData.class) : null;
        for (int i = 0; i < n; i++) {
            nodeKeys[i] = keyBytes(plan.nodeFields().get(i).getResultKey(), i == 0);
            if (plan.kinds()[i] == TYPENAME) {
                columns[i] = -1;
                continue;
            }
            columns[i] = rs.findColumn(column(plan, i));
            // Text comes from the driver as UTF-8; other types (bigint ids among them) may come in binary.
            int t = meta.getColumnType(columns[i]);
            textColumn[i] = t == Types.VARCHAR || t == Types.CHAR || t == Types.LONGVARCHAR;
            // Numbers and booleans the server sent as text are copied as they are; binary ones go through the driver.
            textFormat[i] = pgMeta != null && pgMeta.getFormat(columns[i]) == 0 && t != Types.BINARY && t != Types.VARBINARY && t != Types.LONGVARBINARY;
            textColumn[i] |= textFormat[i];
        }
        int e = plan.edgeFields().size();
        byte[][] edgeKeys = new byte[e][];
        int[] edgeKinds = new int[e];
        for (int j = 0; j < e; j++) {
            SelectedField ef = plan.edgeFields().get(j);
            edgeKeys[j] = keyBytes(ef.getResultKey(), j == 0);
            edgeKinds[j] = switch (ef.getName()) {
                case "cursor" -> 0;
                case "__typename" -> 1;
                default -> 2;
            };
        }
        byte[] edgeTypename = quoted(typeName + "Edge");
        byte[] nodeTypename = quoted(typeName);
        // Rows go to a per-thread scratch buffer and the answer is assembled once at its exact size: a viewport
        // page is ~200 KB, and growing and copying buffers per request was most of the service's garbage.
        Json edges = SCRATCH.get();
        edges.count = 0;
        edges.raw('[');
        int count = 0;
        boolean more = false;
        while (rs.next()) {
            if (count == page.limit()) {
                more = !page.backward();
                break;
            }
            edges.raw(count == 0 ? '{' : ',');
            if (count > 0) {
                edges.raw('{');
            }
            for (int j = 0; j < e; j++) {
                edges.raw(edgeKeys[j]);
                switch (edgeKinds[j]) {
                    case 0 -> edges.string(PageRequest.cursor(page.offset() + count));
                    case 1 -> edges.raw(edgeTypename);
                    default -> {
                        edges.raw('{');
                        for (int i = 0; i < n; i++) {
                            edges.raw(nodeKeys[i]);
                            int c = columns[i];
                            switch (plan.kinds()[i]) {
                                case TYPENAME -> edges.raw(nodeTypename);
                                case GEOJSON -> {
                                    byte[] b = rs.getBytes(c);
                                    if (b == null && plan.nonNull()[i]) {
                                        return null;
                                    }
                                    edges.bytes(b);
                                }
                                case NUMBER, BOOLEAN -> {
                                    if (textFormat[i]) {
                                        byte[] b = rs.getBytes(c);
                                        if (b == null && plan.nonNull()[i]) {
                                            return null;
                                        }
                                        edges.literal(b, plan.kinds()[i] == BOOLEAN);
                                        break;
                                    }
                                    String s = rs.getString(c);
                                    if (s == null && plan.nonNull()[i]) {
                                        return null;
                                    }
                                    edges.literal(s, plan.kinds()[i] == BOOLEAN);
                                }
                                default -> {
                                    if (textColumn[i]) {
                                        byte[] b = rs.getBytes(c);
                                        if (b == null && plan.nonNull()[i]) {
                                            return null;
                                        }
                                        edges.utf8String(b);
                                    } else {
                                        String s = rs.getString(c);
                                        if (s == null && plan.nonNull()[i]) {
                                            return null;
                                        }
                                        edges.string(s);
                                    }
                                }
                            }
                        }
                        edges.raw('}');
                    }
                }
            }
            edges.raw('}');
            count++;
        }
        edges.raw(']');
        rows[0] = count;

        Json out = new Json(512);
        int edgesAt = -1;
        out.raw('{');
        boolean first = true;
        for (SelectedField f : plan.top()) {
            first = out.key(f.getResultKey(), first);
            switch (f.getName()) {
                case "__typename" -> out.string(typeName + "Connection");
                case "edges" -> edgesAt = out.count;
                case "pageInfo" -> {
                    out.raw('{');
                    boolean firstInfo = true;
                    for (SelectedField pf : plan.pageFields()) {
                        firstInfo = out.key(pf.getResultKey(), firstInfo);
                        switch (pf.getName()) {
                            case "hasNextPage" -> out.ascii(String.valueOf(page.backward() || more));
                            case "hasPreviousPage" -> out.ascii(String.valueOf(page.offset() > 0));
                            case "startCursor" -> out.string(count == 0 ? null : PageRequest.cursor(page.offset()));
                            case "endCursor" -> out.string(count == 0 ? null : PageRequest.cursor(page.offset() + count - 1));
                            default -> out.string("PageInfo");
                        }
                    }
                    out.raw('}');
                }
                default -> {
                    Object total = totals.get(f.getName());
                    if (total == null) {
                        return null;
                    }
                    out.ascii(f.getName().equals("totalCount") ? String.valueOf(((Number) total).intValue()) : String.valueOf(((Number) total).doubleValue()));
                }
            }
        }
        out.raw('}');
        byte[] json = new byte[out.count + (edgesAt < 0 ? 0 : edges.count)];
        if (edgesAt < 0) {
            System.arraycopy(out.buf, 0, json, 0, out.count);
        } else {
            System.arraycopy(out.buf, 0, json, 0, edgesAt);
            System.arraycopy(edges.buf, 0, json, edgesAt, edges.count);
            System.arraycopy(out.buf, edgesAt, json, edgesAt + edges.count, out.count - edgesAt);
        }
        if (edges.buf.length > SCRATCH_KEEP) {
            SCRATCH.remove();
        }
        return json;
    }

    /** {@code "key":}, with a leading comma unless it is the first member. */
    private static byte[] keyBytes(String key, boolean first) {
        Json j = new Json(key.length() + 4);
        j.key(key, first);
        return j.toByteArray();
    }

    private static byte[] quoted(String s) {
        Json j = new Json(s.length() + 2);
        j.string(s);
        return j.toByteArray();
    }

    /** A small UTF-8 JSON writer over a growable byte array (unsynchronized, unlike ByteArrayOutputStream). */
    private static final class Json {
        private static final byte[] NULL = {'n', 'u', 'l', 'l'};
        private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
        private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

        byte[] buf;
        int count;

        Json(int size) {
            buf = new byte[Math.max(size, 16)];
        }

        private void room(int n) {
            if (count + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        void raw(char c) {
            room(1);
            buf[count++] = (byte) c;
        }

        void raw(byte[] b) {
            raw(b, b.length);
        }

        void raw(byte[] b, int length) {
            raw(b, 0, length);
        }

        void raw(byte[] b, int offset, int length) {
            room(length);
            System.arraycopy(b, offset, buf, count, length);
            count += length;
        }

        void ascii(String ascii) {
            int n = ascii.length();
            room(n);
            for (int i = 0; i < n; i++) {
                buf[count++] = (byte) ascii.charAt(i);
            }
        }

        void bytes(byte[] b) {
            raw(b == null ? NULL : b);
        }

        boolean key(String key, boolean first) {
            if (!first) {
                raw(',');
            }
            string(key);
            raw(':');
            return false;
        }

        /** A number or boolean as PostgreSQL or the driver writes it (t/f for booleans); NaN and infinities are null. */
        void literal(String s, boolean bool) {
            if (s == null) {
                raw(NULL);
            } else if (bool) {
                raw(s.equals("t") || s.equals("true") ? TRUE : FALSE);
            } else {
                char c = s.charAt(0);
                if (c == 'N' || c == 'I' || (c == '-' && s.length() > 1 && s.charAt(1) == 'I')) {
                    raw(NULL);
                } else {
                    ascii(s);
                }
            }
        }

        /** The same from the text the server sent (ASCII digits, or t/f). */
        void literal(byte[] b, boolean bool) {
            if (b == null) {
                raw(NULL);
            } else if (bool) {
                raw(b.length > 0 && b[0] == 't' ? TRUE : FALSE);
            } else if (b.length == 0 || b[0] == 'N' || b[0] == 'I' || (b[0] == '-' && b.length > 1 && b[1] == 'I')) {
                raw(NULL);
            } else {
                raw(b);
            }
        }

        /** A JSON string from UTF-8 bytes: only quotes, backslashes and control bytes need escaping. */
        void utf8String(byte[] b) {
            if (b == null) {
                raw(NULL);
                return;
            }
            room(b.length + 2);
            buf[count++] = '"';
            int start = 0;
            for (int i = 0; i < b.length; i++) {
                int c = b[i];
                if (c == '"' || c == '\\' || (c >= 0 && c < 0x20)) {
                    raw(b, start, i - start);
                    escape((char) c);
                    start = i + 1;
                }
            }
            room(b.length - start + 1);
            System.arraycopy(b, start, buf, count, b.length - start);
            count += b.length - start;
            buf[count++] = '"';
        }

        void string(String s) {
            if (s == null) {
                raw(NULL);
                return;
            }
            raw('"');
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20) {
                    utf8(s, start, i);
                    escape(c);
                    start = i + 1;
                }
            }
            utf8(s, start, s.length());
            raw('"');
        }

        private void escape(char c) {
            switch (c) {
                case '"' -> ascii("\\\"");
                case '\\' -> ascii("\\\\");
                case '\n' -> ascii("\\n");
                case '\r' -> ascii("\\r");
                case '\t' -> ascii("\\t");
                default -> ascii(String.format("\\u%04x", (int) c));
            }
        }

        private void utf8(String s, int from, int to) {
            if (from >= to) {
                return;
            }
            boolean ascii = true;
            for (int i = from; i < to; i++) {
                if (s.charAt(i) >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                room(to - from);
                for (int i = from; i < to; i++) {
                    buf[count++] = (byte) s.charAt(i);
                }
            } else {
                raw(s.substring(from, to).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Pre-encoded UTF-8 JSON for Jackson's raw writer: the bytes go to the response as they are. */
    static final class Utf8 implements SerializableString {
        private final byte[] bytes;

        Utf8(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public String getValue() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public int charLength() {
            return getValue().length();
        }

        @Override
        public char[] asQuotedChars() {
            return getValue().toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return bytes;
        }

        @Override
        public byte[] asQuotedUTF8() {
            return bytes;
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return appendUnquotedUTF8(buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            return appendUnquoted(buffer, offset);
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            char[] chars = asQuotedChars();
            if (offset + chars.length > buffer.length) {
                return -1;
            }
            System.arraycopy(chars, 0, buffer, offset, chars.length);
            return chars.length;
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            return writeUnquotedUTF8(out);
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return putUnquotedUTF8(buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            if (buffer.remaining() < bytes.length) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }
    }
}
