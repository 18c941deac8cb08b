package org.landatlas.tiles;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.landatlas.platform.ApiException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Every {@link TileSource} bean, by name, in their {@code @Order}: the only list of layers there is. */
@Component
class TileCatalogue {

    private final Map<String, TileSource> sources = new LinkedHashMap<>();

    @Autowired
    TileCatalogue(ObjectProvider<TileSource> beans) {
        this(beans.orderedStream().toList());
    }

    TileCatalogue(List<TileSource> list) {
        for (TileSource s : list) {
            if (sources.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException("two tile sources are named " + s.name());
            }
        }
    }

    Collection<TileSource> sources() {
        return Collections.unmodifiableCollection(sources.values());
    }

    TileSource source(String name) {
        TileSource s = sources.get(name);
        if (s == null) {
            throw ApiException.badInput("layer", "unknown layer '" + name + "'; layers: " + String.join(", ", sources.keySet()));
        }
        return s;
    }

    /** The layers whose tiles a change of {@code table} makes stale. */
    List<TileSource> invalidatedBy(String table) {
        return sources.values().stream().filter(s -> s.invalidatedBy().contains(table)).toList();
    }
}
