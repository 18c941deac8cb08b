package org.landatlas.security;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log: every mutation, import and sign-in records who, when, from where, what, and the values before
 * and after. Records are written in the caller's transaction, so a change and its record commit together or not
 * at all. The table is append-only (a trigger refuses updates and deletes); the API only reads it.
 */
@Service
public class AuditLog {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A successful change by the current viewer. */
    public void record(String action, String targetType, Object targetId, String countyCode, Object before, Object after) {
        write(Viewer.current(), action, targetType, targetId, countyCode, "ok", before, after, null);
    }

    /** Any event, with its outcome (ok, denied, failed) and a free-text detail. */
    public void write(Viewer actor, String action, String targetType, Object targetId, String countyCode, String outcome,
                      Object before, Object after, String detail) {
        HttpServletRequest request = currentRequest();
        String ip = request == null ? null : request.getRemoteAddr();
        String agent = request == null ? null : request.getHeader("User-Agent");
        if (agent != null && agent.length() > 200) {
            agent = agent.substring(0, 200);
        }
        String kind = request == null && actor.isPublic() ? "system" : actor.via();
        jdbc.update("""
                INSERT INTO security.audit_log (actor, actor_kind, account_id, source_ip, user_agent, action, target_type, target_id,
                                                county_code, outcome, before, after, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""",
                kind.equals("system") && actor.isPublic() ? "system" : actor.username(), kind, actor.accountId(), ip, agent, action, targetType,
                targetId == null ? null : targetId.toString(), countyCode, outcome, json(before), json(after), detail);
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        return JSON.writeValueAsString(value instanceof Map<?, ?> m ? new java.util.TreeMap<>(m) : value);
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest() : null;
    }
}
