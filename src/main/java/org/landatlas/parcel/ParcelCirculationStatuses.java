package org.landatlas.parcel;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The one writer of {@code land_parcel.circulation_status}: it sets the status the {@link CirculationStatusSource}
 * derives, so the summary, the tiles, the statistics and the target progress read the same figures as the
 * listings and contracts. Call it in the transaction that changed those records; rows whose status is already
 * right are not touched (no tile invalidation, no lock held longer than needed).
 */
@Component
public class ParcelCirculationStatuses {

    private final NamedParameterJdbcTemplate jdbc;
    private final CirculationStatusSource source;

    ParcelCirculationStatuses(NamedParameterJdbcTemplate jdbc, CirculationStatusSource source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    /** Brings the status of these parcels in line with their listings and contracts; answers how many changed. */
    public int refresh(Collection<Long> parcelIds) {
        if (parcelIds.isEmpty()) {
            return 0;
        }
        // In id order, like every multi-row change, so two refreshes of overlapping parcels queue instead of deadlocking.
        List<Long> ids = parcelIds.stream().distinct().sorted().toList();
        return jdbc.update("""
                UPDATE land_parcel p SET circulation_status = d.status
                FROM (SELECT q.id, %s AS status FROM land_parcel q WHERE q.id IN (:ids) ORDER BY q.id FOR UPDATE) d
                WHERE p.id = d.id AND p.circulation_status IS DISTINCT FROM d.status""".formatted(source.statusSql("q.id")),
                Map.of("ids", ids));
    }

    /** The same for every parcel of a county (after a bulk load); answers how many changed. */
    public int refreshCounty(String county) {
        return jdbc.update("""
                UPDATE land_parcel p SET circulation_status = d.status
                FROM (SELECT q.id, %s AS status FROM land_parcel q WHERE q.county_code = :county) d
                WHERE p.id = d.id AND p.circulation_status IS DISTINCT FROM d.status""".formatted(source.statusSql("q.id")),
                Map.of("county", county));
    }

    /** Parcels of a county whose stored status differs from the derived one (0 unless someone wrote it by hand). */
    public int mismatches(String county) {
        Integer n = jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel q WHERE q.county_code = :county AND q.circulation_status IS DISTINCT FROM %s"""
                .formatted(source.statusSql("q.id")), Map.of("county", county), Integer.class);
        return n == null ? 0 : n;
    }
}
