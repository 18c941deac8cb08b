package org.landatlas.solar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.landatlas.security.Access;
import org.landatlas.security.Masking;
import org.landatlas.security.Viewer;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The staff-only part of PV sites (PvSite.work): consent, rejection reason, status history. Only sites of the
 * viewer's counties get one (null for the public and other counties); the signer's name is masked without the
 * personal-data permission.
 */
@Component
class PvSiteWork {

    private final NamedParameterJdbcTemplate jdbc;

    PvSiteWork(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<Map<String, Object>, Map<String, Object>> forSites(List<Map<String, Object>> sites) {
        Viewer v = Viewer.current();
        Map<Map<String, Object>, Map<String, Object>> out = new HashMap<>();
        Map<Long, String> allowed = v.isPublic() ? Map.of() : Access.staffRows(v, sites);
        if (allowed.isEmpty()) {
            for (Map<String, Object> s : sites) {
                out.put(s, null);
            }
            return out;
        }
        List<Long> ids = new ArrayList<>(allowed.keySet());
        Map<Long, Map<String, Object>> work = new HashMap<>();
        for (Map<String, Object> r : jdbc.queryForList("""
                SELECT s.id, s.reject_reason, c.consent_on, c.signed_by, c.document_ref FROM pv_site s
                LEFT JOIN pv_site_consent c ON c.site_id = s.id WHERE s.id IN (:ids)""", Map.of("ids", ids))) {
            long id = ((Number) r.get("id")).longValue();
            String county = allowed.get(id);
            Map<String, Object> w = new HashMap<>();
            w.put("consentOn", r.get("consent_on") == null ? null : ((java.sql.Date) r.get("consent_on")).toLocalDate());
            w.put("signedBy", Masking.name(v, county, (String) r.get("signed_by")));
            w.put("documentRef", r.get("document_ref"));
            w.put("masked", !v.seesPersonalDataIn(county));
            w.put("rejectReason", r.get("reject_reason"));
            w.put("history", new ArrayList<Map<String, Object>>());
            work.put(id, w);
        }
        for (Map<String, Object> h : jdbc.queryForList("""
                SELECT site_id, upper(from_status) AS "fromStatus", upper(to_status) AS "toStatus", changed_at AS "changedAt", changed_by AS "changedBy", reason
                FROM pv_site_status_history WHERE site_id IN (:ids) ORDER BY site_id, changed_at, id""", Map.of("ids", ids))) {
            Map<String, Object> w = work.get(((Number) h.get("site_id")).longValue());
            if (w != null) {
                Object at = h.get("changedAt");
                if (at instanceof java.sql.Timestamp ts) {
                    h.put("changedAt", ts.toInstant().atOffset(java.time.ZoneOffset.UTC));
                }
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> list = (List<Map<String, Object>>) w.get("history");
                list.add(h);
            }
        }
        for (Map<String, Object> s : sites) {
            out.put(s, work.get(((Number) s.get("id")).longValue()));
        }
        return out;
    }
}
