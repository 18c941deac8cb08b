package org.landatlas.parcel;

import java.util.List;
import java.util.Map;

import org.landatlas.security.AuditLog;
import org.landatlas.security.ScopedRows;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;

/** GraphQL mutations on parcels: staff of the parcels' counties, all or nothing, audited per parcel. */
@Controller
class ParcelChanges {

    private final NamedParameterJdbcTemplate jdbc;
    private final ParcelQueries parcels;
    private final AuditLog audit;

    ParcelChanges(NamedParameterJdbcTemplate jdbc, ParcelQueries parcels, AuditLog audit) {
        this.jdbc = jdbc;
        this.parcels = parcels;
        this.audit = audit;
    }

    @MutationMapping
    @Transactional
    List<Map<String, Object>> setParcelCirculationStatus(@Argument List<String> ids, @Argument String status, @Argument String reason) {
        String why = ScopedRows.reason(reason);
        String value = status.toLowerCase();
        List<ScopedRows.Row> rows = ScopedRows.lock(jdbc, "land_parcel", "circulation_status", ids, "ids", "setParcelCirculationStatus");
        List<Long> locked = rows.stream().map(ScopedRows.Row::id).toList();
        jdbc.update("UPDATE land_parcel SET circulation_status = :s WHERE id IN (:ids)", Map.of("s", value, "ids", locked));
        for (ScopedRows.Row r : rows) {
            audit.record("setParcelCirculationStatus", "parcel", r.id(), r.county(), Map.of("circulationStatus", r.value().toUpperCase()),
                    Map.of("circulationStatus", status, "reason", why));
        }
        return parcels.byIds(locked);
    }
}
