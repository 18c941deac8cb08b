package org.landatlas.platform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes a flat connection page ({@link RenderedConnection.Plan}) as UTF-8 JSON straight from the result set.
 * Two writers give the same bytes for every plan: the hand-written direct one and one on Jackson's streaming
 * generator; they are kept side by side until a benchmark run of both has picked the faster.
 */
@FunctionalInterface
interface PageJsonWriter {

    /** The configuration property that picks the writer at start: direct or jackson. */
    String PROPERTY = "landatlas.viewport.json-writer";

    /** The hand-written writer of {@link RenderedConnection}. */
    PageJsonWriter DIRECT = RenderedConnection::writeDirect;

    /** The same JSON through Jackson's streaming generator. */
    PageJsonWriter JACKSON = new JacksonPageWriter();

    /**
     * The page (at most {@code page.limit()} rows; one more row only tells that more follow), or null when a
     * non-null field turns out null.
     */
    byte[] write(RenderedConnection.Plan plan, ResultSet rs, PageRequest page, Map<String, Object> totals, String typeName) throws SQLException;

    /** The writer of a value of {@link #PROPERTY}. */
    static PageJsonWriter named(String name) {
        return switch (name.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "direct" -> DIRECT;
            case "jackson" -> JACKSON;
            default -> throw new IllegalArgumentException(PROPERTY + " must be 'direct' or 'jackson', not '" + name + "'");
        };
    }
}
