package org.landatlas.platform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import graphql.relay.Connection;
import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import graphql.relay.PageInfo;

/**
 * A connection kept as a map (edges, pageInfo, totals; graphql-java reads maps directly) that is also a
 * {@link Connection}, so Spring for GraphQL's connection adapters leave it as it is.
 */
public final class PageConnection extends HashMap<String, Object> implements Connection<Object> {

    @Override
    @SuppressWarnings("unchecked")
    public List<Edge<Object>> getEdges() {
        return (List<Edge<Object>>) get("edges");
    }

    @Override
    public PageInfo getPageInfo() {
        Map<?, ?> p = (Map<?, ?>) get("pageInfo");
        return new DefaultPageInfo(cursor(p.get("startCursor")), cursor(p.get("endCursor")),
                Boolean.TRUE.equals(p.get("hasPreviousPage")), Boolean.TRUE.equals(p.get("hasNextPage")));
    }

    private static DefaultConnectionCursor cursor(Object c) {
        return c == null ? null : new DefaultConnectionCursor(c.toString());
    }
}
