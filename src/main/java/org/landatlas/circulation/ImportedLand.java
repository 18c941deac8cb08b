package org.landatlas.circulation;

import java.util.Set;

import org.landatlas.exchange.ImportCommitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An import of the land survey's parcels or of the farmland protection layers changes what the investor search
 * knows of the land on offer (outlines, areas, adjacency, protection): its county's search rows are rebuilt in
 * the import's own transaction, so that the search never shows parcels as they were before the import.
 */
@Component
class ImportedLand {

    private static final Logger LOG = LoggerFactory.getLogger(ImportedLand.class);
    /** Import profiles whose layers the search reads: 三调 parcels (dltb), permanent basic (pbf) and high-standard farmland (hsf). */
    static final Set<String> SEARCHED_LAYERS = Set.of("dltb", "pbf", "hsf");

    private final InvestorSearch search;

    ImportedLand(InvestorSearch search) {
        this.search = search;
    }

    @EventListener
    void imported(ImportCommitted e) {
        if (!SEARCHED_LAYERS.contains(e.profile())) {
            return;
        }
        long t0 = System.nanoTime();
        int rows = search.rebuild(e.countyCode());
        LOG.info("Land search of county {} rebuilt after import {} ({}): {} available parcels in {} ms", e.countyCode(), e.jobId(), e.profile(),
                rows, (System.nanoTime() - t0) / 1_000_000);
    }
}
