package org.landatlas.parcel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.landatlas.platform.SqlWhere;
import org.landatlas.security.Viewer;
import org.landatlas.tiles.TableTileSource;
import org.landatlas.tiles.TileFilters;
import org.landatlas.tiles.TileQuery;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The parcels layer: parcel by parcel from {@link #DETAIL_ZOOM}; below it, a whole county of 200,000 parcels
 * cannot be drawn one by one, so tiles come from {@code parcel_overview} (parcels dissolved by village and
 * land-class group, pre-simplified per zoom band) unless a filter asks for what only parcels carry.
 */
final class ParcelTileSource extends TableTileSource {

    /** Parcels are drawn one by one from this zoom; below it the dissolved overview is used. */
    static final int DETAIL_ZOOM = 12;

    private static final Map<String, String> OVERVIEW_ATTRIBUTES = overviewAttributes();

    private static Map<String, String> overviewAttributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("class_group", "t.class_group");
        m.put("village_code", "t.village_code");
        m.put("area_mu", "round(t.area_mu::numeric)::float8");
        m.put("parcels", "t.parcel_count");
        return Collections.unmodifiableMap(m);
    }

    private final JdbcTemplate jdbc;

    ParcelTileSource(TableTileSource.Builder parcels, JdbcTemplate jdbc) {
        super(parcels);
        this.jdbc = jdbc;
    }

    @Override
    public TileQuery query(int z, TileFilters filters, Viewer viewer) {
        if (z >= DETAIL_ZOOM || !filters.onlyAmong("admin_code", "class_group")) {
            return super.query(z, filters, viewer);
        }
        refreshOverviewIfStale();
        SqlWhere w = new SqlWhere();
        filters.apply("admin_code", w, "t.village_code");
        filters.apply("class_group", w, "t.class_group");
        String geometry = z <= 9 ? "t.geom_z7" : z == 10 ? "t.geom_z9" : "t.geom_z11";
        return new TileQuery("parcel_overview t", geometry, "t.geom", "t.id", OVERVIEW_ATTRIBUTES, w);
    }

    /** Villages whose parcels changed get their overview rebuilt before a low-zoom tile is made. */
    private void refreshOverviewIfStale() {
        Boolean dirty = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM parcel_overview_dirty)", Boolean.class);
        if (Boolean.TRUE.equals(dirty)) {
            jdbc.execute("SELECT refresh_parcel_overview(array_agg(village_code)) FROM (SELECT village_code FROM parcel_overview_dirty FOR UPDATE SKIP LOCKED) d HAVING count(*) > 0");
        }
    }
}
