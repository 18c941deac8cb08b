package org.landatlas.circulation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.landatlas.exchange.ImportCommitted;
import org.landatlas.parcel.ParcelQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An import of the land survey's parcels or of the farmland protection layers changes what the investor search
 * knows of the land on offer (outlines, areas, adjacency, protection): the search follows in the import's own
 * transaction, so that it never shows parcels as they were before the import. A survey import refreshes only the
 * parcels on offer that it changed (new parcels are on no listing; removed ones leave the search with their row);
 * a protection layer touches flags all over the county, so its search is rebuilt.
 */
@Component
class ImportedLand {

    private static final Logger LOG = LoggerFactory.getLogger(ImportedLand.class);
    /** Import profiles whose layers the search reads: 三调 parcels (dltb), permanent basic (pbf) and high-standard farmland (hsf). */
    static final Set<String> SEARCHED_LAYERS = Set.of("dltb", "pbf", "hsf");

    private final InvestorSearch search;
    private final NamedParameterJdbcTemplate jdbc;
    private final ParcelQueries parcels;

    ImportedLand(InvestorSearch search, NamedParameterJdbcTemplate jdbc, ParcelQueries parcels) {
        this.search = search;
        this.jdbc = jdbc;
        this.parcels = parcels;
    }

    @EventListener
    void imported(ImportCommitted e) {
        if (!SEARCHED_LAYERS.contains(e.profile())) {
            return;
        }
        long t0 = System.nanoTime();
        if ("dltb".equals(e.profile())) {
            List<Long> changed = parcels.importedParcelIds(e.changes(), "changed", e.countyCode());
            List<Long> onOffer = changed.isEmpty() ? List.of() : jdbc.queryForList(
                    "SELECT parcel_id FROM circulation_search_parcel WHERE parcel_id = ANY (CAST(:ids AS bigint[])) ORDER BY 1",
                    Map.of("ids", changed.toArray(Long[]::new)), Long.class);
            int rows = search.refresh(onOffer);
            LOG.info("Land search of county {} refreshed after import {} (dltb): {} changed parcels on offer, {} rows in {} ms", e.countyCode(), e.jobId(),
                    onOffer.size(), rows, (System.nanoTime() - t0) / 1_000_000);
            return;
        }
        int rows = search.rebuild(e.countyCode());
        LOG.info("Land search of county {} rebuilt after import {} ({}): {} available parcels in {} ms", e.countyCode(), e.jobId(), e.profile(),
                rows, (System.nanoTime() - t0) / 1_000_000);
    }
}
