package org.landatlas.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Geometry fields that a row was fetched without (objects loaded in batches for a parent, e.g. a parcel's
 * village) are loaded here on demand: all requests of one execution for the same projection, field and
 * arguments become one SQL statement.
 */
@Component
class GeometryLoader {

    static final String NAME = "geometry";
    static final String PROJECTION = "__projection";
    static final String ROW_ID = "__id";

    /** What to load: the row's projection and id, the field and its arguments. */
    record Key(String projection, Object id, String field, Map<String, Object> args) {
    }

    GeometryLoader(BatchLoaderRegistry registry, NamedParameterJdbcTemplate jdbc) {
        registry.<Key, GeoJson.Text>forName(NAME).registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> load(jdbc, keys)));
    }

    private static Map<Key, GeoJson.Text> load(NamedParameterJdbcTemplate jdbc, Set<Key> keys) {
        Map<List<Object>, List<Key>> groups = new LinkedHashMap<>();
        for (Key k : keys) {
            groups.computeIfAbsent(List.of(k.projection(), k.field(), k.args()), g -> new ArrayList<>()).add(k);
        }
        Map<Key, GeoJson.Text> out = new HashMap<>();
        for (List<Key> group : groups.values()) {
            Key first = group.get(0);
            Projection p = Projection.BY_NAME.get(first.projection());
            String sql = "SELECT " + p.idSql() + " AS id, " + Projection.geoJson(p.geometrySql(first.field()), first.args(), first.field())
                    + " AS g FROM " + p.table() + " t WHERE " + p.idSql() + " IN (:ids)";
            Map<Object, String> byId = new HashMap<>();
            jdbc.query(sql, Map.of("ids", group.stream().map(Key::id).distinct().toList()), rs -> {
                byId.put(rs.getObject("id"), rs.getString("g"));
            });
            for (Key k : group) {
                String g = byId.get(k.id());
                if (g != null) {
                    out.put(k, new GeoJson.Text(g));
                }
            }
        }
        return out;
    }
}
