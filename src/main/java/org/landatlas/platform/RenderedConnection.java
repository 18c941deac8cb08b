package org.landatlas.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
public final class RenderedConnection implements Connection<Object> {

    private static final Set<String> CONNECTION_FIELDS = Set.of("totalCount", "totalAreaMu", "totalCapacityKw", "edges", "pageInfo", "__typename");
    private static final Set<String> PAGE_INFO_FIELDS = Set.of("hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename");

    private final byte[] json;

    private RenderedConnection(byte[] json) {
        this.json = json;
    }

    RawValue raw() {
        return new RawValue(new Utf8(json));
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

    static List<SelectedField> immediate(DataFetchingFieldSelectionSet selection, String path) {
        String glob = path.isEmpty() ? "*" : path + "/*";
        return selection.getFields(glob).stream()
                .filter(f -> f.getQualifiedName().equals(path.isEmpty() ? f.getName() : path + "/" + f.getName()))
                .toList();
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
        int n = plan.nodeFields().size();
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            columns[i] = plan.kinds()[i] == TYPENAME ? -1 : rs.findColumn(column(plan, i));
        }
        Json edges = new Json(64 * 1024);
        edges.raw('[');
        int count = 0;
        boolean more = false;
        List<String> cursors = new ArrayList<>();
        while (rs.next()) {
            if (count == page.limit()) {
                more = !page.backward();
                break;
            }
            String cursor = PageRequest.cursor(page.offset() + count);
            cursors.add(cursor);
            edges.raw(count == 0 ? "{" : ",{");
            boolean firstEdgeField = true;
            for (SelectedField ef : plan.edgeFields()) {
                firstEdgeField = edges.key(ef.getResultKey(), firstEdgeField);
                switch (ef.getName()) {
                    case "cursor" -> edges.string(cursor);
                    case "__typename" -> edges.string(typeName + "Edge");
                    default -> {
                        edges.raw('{');
                        for (int i = 0; i < n; i++) {
                            edges.key(plan.nodeFields().get(i).getResultKey(), i == 0);
                            int c = columns[i];
                            switch (plan.kinds()[i]) {
                                case TYPENAME -> edges.string(typeName);
                                case GEOJSON -> {
                                    byte[] b = rs.getBytes(c);
                                    if (b == null && plan.nonNull()[i]) {
                                        return null;
                                    }
                                    edges.bytes(b);
                                }
                                case NUMBER, BOOLEAN -> {
                                    String s = rs.getString(c);
                                    if (s == null && plan.nonNull()[i]) {
                                        return null;
                                    }
                                    edges.literal(s, plan.kinds()[i] == BOOLEAN);
                                }
                                default -> {
                                    String s = rs.getString(c);
                                    if (s == null && plan.nonNull()[i]) {
                                        return null;
                                    }
                                    edges.string(s);
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

        Json out = new Json(edges.size() + 512);
        out.raw('{');
        boolean first = true;
        for (SelectedField f : plan.top()) {
            first = out.key(f.getResultKey(), first);
            switch (f.getName()) {
                case "__typename" -> out.string(typeName + "Connection");
                case "edges" -> out.append(edges);
                case "pageInfo" -> {
                    out.raw('{');
                    boolean firstInfo = true;
                    for (SelectedField pf : plan.pageFields()) {
                        firstInfo = out.key(pf.getResultKey(), firstInfo);
                        switch (pf.getName()) {
                            case "hasNextPage" -> out.raw(String.valueOf(page.backward() || more));
                            case "hasPreviousPage" -> out.raw(String.valueOf(page.offset() > 0));
                            case "startCursor" -> out.string(cursors.isEmpty() ? null : cursors.get(0));
                            case "endCursor" -> out.string(cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
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
                    out.raw(f.getName().equals("totalCount") ? String.valueOf(((Number) total).intValue()) : String.valueOf(((Number) total).doubleValue()));
                }
            }
        }
        out.raw('}');
        return new RenderedConnection(out.toByteArray());
    }

    /** A small UTF-8 JSON writer over a growable byte buffer. */
    private static final class Json extends ByteArrayOutputStream {
        Json(int size) {
            super(size);
        }

        void raw(char c) {
            write(c);
        }

        void raw(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                write(ascii.charAt(i));
            }
        }

        void bytes(byte[] b) {
            if (b == null) {
                raw("null");
            } else {
                write(b, 0, b.length);
            }
        }

        void append(Json other) {
            write(other.buf, 0, other.count);
        }

        boolean key(String key, boolean first) {
            if (!first) {
                write(',');
            }
            string(key);
            write(':');
            return false;
        }

        /** A number or boolean as PostgreSQL writes it (t/f for booleans). */
        void literal(String s, boolean bool) {
            if (s == null) {
                raw("null");
            } else if (bool) {
                raw(s.equals("t") || s.equals("true") ? "true" : "false");
            } else if (s.equals("NaN") || s.contains("Infinity")) {
                raw("null");
            } else {
                raw(s);
            }
        }

        void string(String s) {
            if (s == null) {
                raw("null");
                return;
            }
            write('"');
            int start = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\' || c < 0x20) {
                    utf8(s, start, i);
                    switch (c) {
                        case '"' -> raw("\\\"");
                        case '\\' -> raw("\\\\");
                        case '\n' -> raw("\\n");
                        case '\r' -> raw("\\r");
                        case '\t' -> raw("\\t");
                        default -> raw(String.format("\\u%04x", (int) c));
                    }
                    start = i + 1;
                }
            }
            utf8(s, start, s.length());
            write('"');
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
                for (int i = from; i < to; i++) {
                    write(s.charAt(i));
                }
            } else {
                ByteBuffer b = StandardCharsets.UTF_8.encode(s.substring(from, to));
                write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            }
        }
    }

    /** Pre-encoded UTF-8 JSON for Jackson's raw writer: the bytes go to the response as they are. */
    private static final class Utf8 implements SerializableString {
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
