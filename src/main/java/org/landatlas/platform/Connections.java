package org.landatlas.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.DataFetchingFieldSelectionSet;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Relay connections over SQL: one statement for the page and, only when asked for, one for the total. */
public final class Connections {

    private Connections() {
    }

    /**
     * A page of {@code from} (a table with alias t, plus joins) matching {@code where}, with totalCount when the
     * query selects it.
     */
    public static graphql.relay.Connection<Object> fetch(NamedParameterJdbcTemplate jdbc, Projection projection, String from, SqlWhere where,
                                                         String orderBy, PageRequest page, DataFetchingFieldSelectionSet selection) {
        return fetch(jdbc, projection, from, where, orderBy, List.of(), Map.of("totalCount", "count(*)"), page, selection);
    }

    /** A node field computed in the page's statement besides the projection's fields, e.g. the distance to a point. */
    public record ExtraColumn(String field, String sql) {
        private static final java.util.regex.Pattern GRAPHQL_NAME = java.util.regex.Pattern.compile("[_A-Za-z][_0-9A-Za-z]*");

        public ExtraColumn {
            // The field name becomes a quoted SQL label: only a GraphQL name may go there.
            if (!GRAPHQL_NAME.matcher(field).matches()) {
                throw new IllegalArgumentException("not a GraphQL field name: " + field);
            }
        }
    }

    /**
     * The same with extra columns on every node and aggregate totals (field name → SQL aggregate), computed in one
     * statement only when the query selects one.
     */
    public static graphql.relay.Connection<Object> fetch(NamedParameterJdbcTemplate jdbc, Projection projection, String from, SqlWhere where,
                                                         String orderBy, List<ExtraColumn> extraColumns, Map<String, String> totals, PageRequest page,
                                                         DataFetchingFieldSelectionSet selection) {
        Map<String, Object> totalValues = new HashMap<>();
        List<String> wanted = totals.keySet().stream().filter(f -> RenderedConnection.selects(selection, f)).toList();
        if (!wanted.isEmpty()) {
            String aggregates = String.join(", ", wanted.stream().map(f -> "coalesce(" + totals.get(f) + ", 0) AS \"" + f + "\"").toList());
            totalValues.putAll(jdbc.queryForMap("SELECT " + aggregates + " FROM " + from + " WHERE " + where.sql(), where.params()));
        }
        MapSqlParameterSource p = where.params();
        p.addValue("limit", page.limit() + (page.backward() ? 0 : 1)).addValue("offset", page.offset());
        StringBuilder extra = new StringBuilder();
        Set<String> extraFields = new HashSet<>();
        for (ExtraColumn c : extraColumns) {
            extra.append(", ").append(c.sql()).append(" AS \"").append(c.field()).append('"');
            extraFields.add(c.field());
        }
        String rest = extra + " FROM " + from + " WHERE " + where.sql() + " ORDER BY " + orderBy + " LIMIT :limit OFFSET :offset";
        String sql = "SELECT " + projection.selectList(selection, "edges/node") + rest;
        // A flat selection is written as JSON straight from the rows; anything else goes through graphql-java.
        RenderedConnection.Plan plan = RenderedConnection.plan(selection, projection, extraFields);
        if (plan != null) {
            RenderedConnection rendered = jdbc.query(sql, p,
                    (org.springframework.jdbc.core.ResultSetExtractor<RenderedConnection>) rs -> RenderedConnection.render(plan, rs, page, totalValues, projection.typeName()));
            if (rendered != null) {
                return rendered;
            }
        }
        PageConnection connection = new PageConnection();
        connection.putAll(totalValues);
        List<Map<String, Object>> rows = RenderedConnection.selects(selection, "edges") || RenderedConnection.selects(selection, "pageInfo") ? jdbc.query(sql, p, SqlRows.ROWS) : List.of();
        boolean more = !page.backward() && rows.size() > page.limit();
        connection.putAll(of(more ? rows.subList(0, page.limit()) : rows, page, more));
        return connection;
    }

    /** Edges and pageInfo for rows fetched at the page's offset; {@code more} says whether rows follow. */
    public static PageConnection of(List<Map<String, Object>> rows, PageRequest page, boolean more) {
        List<Map<String, Object>> edges = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> edge = new HashMap<>(4);
            edge.put("cursor", PageRequest.cursor(page.offset() + i));
            edge.put("node", rows.get(i));
            edges.add(edge);
        }
        Map<String, Object> pageInfo = new HashMap<>();
        // Paging backwards from a cursor, the cursor's own item follows the page.
        pageInfo.put("hasNextPage", page.backward() || more);
        pageInfo.put("hasPreviousPage", page.offset() > 0);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        PageConnection connection = new PageConnection();
        connection.put("edges", edges);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

    /** Rows by id in the order asked (null where missing), for batch loading. */
    public static List<Map<String, Object>> byIds(NamedParameterJdbcTemplate jdbc, Projection projection, String table, List<Long> ids) {
        List<Long> wanted = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<Object, Map<String, Object>> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            for (Map<String, Object> row : jdbc.query("SELECT " + projection.selectList(null, "") + " FROM " + table + " t WHERE t.id IN (:ids)",
                    Map.of("ids", wanted), SqlRows.ROWS)) {
                found.put(((Number) row.get("id")).longValue(), row);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            out.add(id == null ? null : found.get(id));
        }
        return out;
    }
}
