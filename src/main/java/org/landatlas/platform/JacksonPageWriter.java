package org.landatlas.platform;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import graphql.schema.SelectedField;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * The page of {@link RenderedConnection#writeDirect} written with Jackson's streaming generator, byte for byte:
 * names are pre-built {@link SerializedString}s, text columns go in as the driver's UTF-8 bytes
 * ({@link JsonGenerator#writeUTF8String}), PostGIS GeoJSON as a raw value, numbers as PostgreSQL wrote them.
 */
final class JacksonPageWriter implements PageJsonWriter {

    /**
     * The direct writer's escapes: quote, backslash, \n, \r and \t, every other control character as \\u00xx in
     * lower case. Jackson's defaults write \b and \f, and upper-case hex digits.
     */
    private static final CharacterEscapes ESCAPES = new CharacterEscapes() {
        private final int[] ascii = asciiEscapes();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    };

    private static int[] asciiEscapes() {
        int[] codes = new int[128];
        Arrays.fill(codes, 0, 0x20, CharacterEscapes.ESCAPE_STANDARD);
        codes['"'] = '"';
        codes['\\'] = '\\';
        codes['\n'] = 'n';
        codes['\r'] = 'r';
        codes['\t'] = 't';
        return codes;
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .characterEscapes(ESCAPES)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // A character outside the BMP as its four UTF-8 bytes, as String.getBytes writes it (not as \\ud83d\\ude00).
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final int SCRATCH_KEEP = 2 * 1024 * 1024;
    private static final ThreadLocal<Sink> SCRATCH = ThreadLocal.withInitial(() -> new Sink(256 * 1024));

    private static final int CURSOR = 0;
    private static final int EDGE_TYPENAME = 1;
    private static final int NODE = 2;

    @Override
    public byte[] write(RenderedConnection.Plan plan, ResultSet rs, PageRequest page, Map<String, Object> totals, String typeName) throws SQLException {
        int n = plan.nodeFields().size();
        int[] kinds = plan.kinds();
        boolean[] nonNull = plan.nonNull();
        int[] columns = new int[n];
        boolean[] textColumn = new boolean[n];
        SerializedString[] nodeNames = new SerializedString[n];
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 0; i < n; i++) {
            nodeNames[i] = new SerializedString(plan.nodeFields().get(i).getResultKey());
            if (kinds[i] == RenderedConnection.TYPENAME) {
                columns[i] = -1;
                continue;
            }
            columns[i] = rs.findColumn(RenderedConnection.column(plan, i));
            // Text comes from the driver as UTF-8; other types (bigint ids among them) may come in binary.
            int t = meta.getColumnType(columns[i]);
            textColumn[i] = t == Types.VARCHAR || t == Types.CHAR || t == Types.LONGVARCHAR;
        }
        List<SelectedField> edgeFields = plan.edgeFields();
        int e = edgeFields.size();
        SerializedString[] edgeNames = new SerializedString[e];
        int[] edgeKinds = new int[e];
        for (int j = 0; j < e; j++) {
            edgeNames[j] = new SerializedString(edgeFields.get(j).getResultKey());
            edgeKinds[j] = switch (edgeFields.get(j).getName()) {
                case "cursor" -> CURSOR;
                case "__typename" -> EDGE_TYPENAME;
                default -> NODE;
            };
        }
        SerializedString edgeTypename = new SerializedString(typeName + "Edge");
        SerializedString nodeTypename = new SerializedString(typeName);

        // The edges go to a per-thread scratch sink first: pageInfo, which may precede them, needs their count.
        Sink edges = SCRATCH.get();
        edges.count = 0;
        int count = 0;
        boolean more = false;
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), edges)) {
            g.writeStartArray();
            while (rs.next()) {
                if (count == page.limit()) {
                    more = !page.backward();
                    break;
                }
                g.writeStartObject();
                for (int j = 0; j < e; j++) {
                    g.writeName(edgeNames[j]);
                    switch (edgeKinds[j]) {
                        case CURSOR -> g.writeString(PageRequest.cursor(page.offset() + count));
                        case EDGE_TYPENAME -> g.writeString(edgeTypename);
                        default -> {
                            g.writeStartObject();
                            for (int i = 0; i < n; i++) {
                                g.writeName(nodeNames[i]);
                                if (!value(g, rs, kinds[i], columns[i], textColumn[i], nonNull[i], nodeTypename)) {
                                    return null;
                                }
                            }
                            g.writeEndObject();
                        }
                    }
                }
                g.writeEndObject();
                count++;
            }
            g.writeEndArray();
        }

        Sink out = new Sink(512);
        int edgesAt = -1;
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            for (SelectedField f : plan.top()) {
                g.writeName(f.getResultKey());
                switch (f.getName()) {
                    case "__typename" -> g.writeString(typeName + "Connection");
                    case "edges" -> {
                        // An empty raw value holds the place of the edges array, which is spliced in at that offset.
                        g.writeRawValue("");
                        g.flush();
                        edgesAt = out.count;
                    }
                    case "pageInfo" -> {
                        g.writeStartObject();
                        for (SelectedField pf : plan.pageFields()) {
                            g.writeName(pf.getResultKey());
                            switch (pf.getName()) {
                                case "hasNextPage" -> g.writeBoolean(page.backward() || more);
                                case "hasPreviousPage" -> g.writeBoolean(page.offset() > 0);
                                case "startCursor" -> g.writeString(count == 0 ? null : PageRequest.cursor(page.offset()));
                                case "endCursor" -> g.writeString(count == 0 ? null : PageRequest.cursor(page.offset() + count - 1));
                                default -> g.writeString("PageInfo");
                            }
                        }
                        g.writeEndObject();
                    }
                    default -> {
                        Object total = totals.get(f.getName());
                        if (total == null) {
                            return null;
                        }
                        if (f.getName().equals("totalCount")) {
                            g.writeNumber(((Number) total).intValue());
                        } else {
                            // Double.toString, as the direct writer: Jackson's own double formatting may differ in the last digit.
                            g.writeNumber(String.valueOf(((Number) total).doubleValue()));
                        }
                    }
                }
            }
            g.writeEndObject();
        }
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

    /** Writes node field value of column c; false when it is null though the field is non-null. */
    private static boolean value(JsonGenerator g, ResultSet rs, int kind, int c, boolean textColumn, boolean nonNull,
                                 SerializedString nodeTypename) throws SQLException {
        switch (kind) {
            case RenderedConnection.TYPENAME -> g.writeString(nodeTypename);
            case RenderedConnection.GEOJSON -> {
                byte[] b = rs.getBytes(c);
                if (b == null) {
                    g.writeNull();
                } else {
                    g.writeRawValue(new RenderedConnection.Utf8(b));
                }
                return b != null || !nonNull;
            }
            case RenderedConnection.NUMBER -> {
                String s = rs.getString(c);
                // PostgreSQL's NaN and infinities have no JSON number: null, as the direct writer.
                if (s == null || s.charAt(0) == 'N' || s.charAt(0) == 'I' || (s.charAt(0) == '-' && s.length() > 1 && s.charAt(1) == 'I')) {
                    g.writeNull();
                } else {
                    g.writeNumber(s);
                }
                return s != null || !nonNull;
            }
            case RenderedConnection.BOOLEAN -> {
                String s = rs.getString(c);
                if (s == null) {
                    g.writeNull();
                } else {
                    g.writeBoolean(s.equals("t") || s.equals("true"));
                }
                return s != null || !nonNull;
            }
            default -> {
                if (textColumn) {
                    byte[] b = rs.getBytes(c);
                    if (b == null) {
                        g.writeNull();
                    } else {
                        g.writeUTF8String(b, 0, b.length);
                    }
                    return b != null || !nonNull;
                }
                String s = rs.getString(c);
                g.writeString(s);
                return s != null || !nonNull;
            }
        }
        return true;
    }

    /**
     * The generator's target: a growable byte array, unsynchronized and reused per thread (Jackson's
     * ByteArrayBuilder drops its grown blocks on reset, which for ~200 KB pages is garbage on every request).
     */
    private static final class Sink extends OutputStream {
        byte[] buf;
        int count;

        Sink(int size) {
            buf = new byte[size];
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            if (count + length > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + length));
            }
            System.arraycopy(b, offset, buf, count, length);
            count += length;
        }
    }
}
