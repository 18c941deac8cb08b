package org.landatlas.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

/**
 * Tells a database that cannot be reached (down, restarting, or no free connection within the pool's
 * connection-timeout) from a failed statement, so that clients get {@code UNAVAILABLE} with a wait (GraphQL) or
 * 503 with {@code Retry-After} (other endpoints) instead of an internal error. Decided on exception types and
 * SQLSTATEs, not messages: connection-exception class 08, and 57P01–57P03 (administrator or crash shutdown,
 * cannot connect now while the server starts or recovers).
 */
@Component
public class DatabaseFaults {

    private final int retryAfterSeconds;

    DatabaseFaults(@Value("${landatlas.db.retry-after-seconds:5}") int retryAfterSeconds) {
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** The wait clients are told (Retry-After, extensions.retryAfterSeconds). */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The message every client sees while the database is unreachable. */
    public String message() {
        return "the database is unavailable; retry in " + retryAfterSeconds + " s";
    }

    /** The refusal of a request that met an unreachable database. */
    public ApiException refusal() {
        return new ApiException(ApiException.Code.UNAVAILABLE, null, message());
    }

    /** Whether {@code e}, or anything in its causes, says the database could not be reached or the connection was lost. */
    public static boolean isConnectionFailure(Throwable e) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = e; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof ApiException api && api.code() == ApiException.Code.UNAVAILABLE) {
                return true;
            }
            if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    /** The first line of the innermost cause, for a one-line log entry (the driver's messages name host and port, never data). */
    public static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
