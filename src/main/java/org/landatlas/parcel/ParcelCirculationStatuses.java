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
                UPDATE land_parcel p SET circulation_status = d.status, circulation_held_kind = d.kind
                FROM (SELECT q.id, %s AS status, %s AS kind FROM land_parcel q WHERE q.id IN (:ids) ORDER BY q.id FOR UPDATE) d
                WHERE p.id = d.id AND (p.circulation_status, p.circulation_held_kind) IS DISTINCT FROM (d.status, d.kind)"""
                .formatted(source.statusSql("q.id"), source.heldKindSql("q.id")), Map.of("ids", ids));
    }

    /** The same for every parcel of a county (after a bulk load); answers how many changed. */
    public int refreshCounty(String county) {
        return jdbc.update(refreshSql(source, "q.county_code = :county"), Map.of("county", county));
    }

    /** The statement that brings every parcel in line (the demo load runs it after copying its rows). */
    public static String refreshAllSql(CirculationStatusSource source) {
        return refreshSql(source, "true");
    }

    private static String refreshSql(CirculationStatusSource source, String where) {
        return """
                UPDATE land_parcel p SET circulation_status = d.status, circulation_held_kind = d.kind
                FROM (SELECT q.id, %s AS status, %s AS kind FROM land_parcel q WHERE %s) d
                WHERE p.id = d.id AND (p.circulation_status, p.circulation_held_kind) IS DISTINCT FROM (d.status, d.kind)"""
                .formatted(source.statusSql("q.id"), source.heldKindSql("q.id"), where);
    }

    /** Parcels of a county whose stored status differs from the derived one (0 unless someone wrote it by hand). */
    public int mismatches(String county) {
        Integer n = jdbc.queryForObject("""
                SELECT count(*) FROM land_parcel q WHERE q.county_code = :county
                  AND (q.circulation_status, q.circulation_held_kind) IS DISTINCT FROM (%s, %s)"""
                .formatted(source.statusSql("q.id"), source.heldKindSql("q.id")), Map.of("county", county), Integer.class);
        return n == null ? 0 : n;
    }
}
