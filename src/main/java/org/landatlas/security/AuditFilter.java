package org.landatlas.security;

import java.time.OffsetDateTime;

import org.landatlas.platform.SqlWhere;

/** GraphQL {@code AuditFilter}: equality on the audit log's columns and a half-open time window [from, to). */
record AuditFilter(String actor, String action, String targetType, String targetId, String countyCode, String outcome,
                   OffsetDateTime from, OffsetDateTime to) {

    /** Adds the filter's conditions over {@code security.audit_log}. */
    void apply(SqlWhere w) {
        w.equal(actor, "actor");
        w.equal(action, "action");
        w.equal(targetType, "target_type");
        w.equal(targetId, "target_id");
        w.equal(countyCode, "county_code");
        w.equal(outcome, "outcome");
        if (from != null) {
            w.and("at >= " + w.param(from));
        }
        if (to != null) {
            w.and("at < " + w.param(to));
        }
    }
}
