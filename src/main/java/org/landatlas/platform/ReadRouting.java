package org.landatlas.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where reads go when a streaming replica is configured (LANDATLAS_DB_REPLICA_URL): the one seam every feature's
 * JdbcTemplate goes through, because it sits in the application's only {@link DataSource}. Everything runs on the
 * primary unless a caller wraps a read in {@link #read(String, Supplier)} (tiles) or the GraphQL routing marks a
 * query operation for the replica; Flyway, the demo loader, imports, mutations and every REST write therefore stay
 * on the primary without knowing about replicas.
 * <p>
 * The replica is used only while a background check (not each request) finds it reachable, in recovery and no
 * further behind than {@code maxLag}; lag is measured by comparing the replica's replayed WAL position with the
 * primary's positions sampled on earlier checks (the age of the oldest primary position not yet replayed), which,
 * unlike now() - pg_last_xact_replay_timestamp(), does not grow while the primary is idle. A caller that wrote is
 * sent to the primary for {@code readYourWrites} afterwards (per instance: its own memory). Without a replica this
 * object is {@link #off()} and costs nothing.
 */
public final class ReadRouting implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadRouting.class);

    enum Target { PRIMARY, REPLICA }

    /** The current request's decision; data fetchers on other threads get it through context propagation. */
    static final ThreadLocal<Target> ROUTE = new ThreadLocal<>();
    /** Key of {@link #ROUTE} in the Reactor and GraphQL contexts (context-propagation's ThreadLocalAccessor). */
    static final String ROUTE_KEY = ReadRouting.class.getName() + ".route";

    private static final ReadRouting OFF = new ReadRouting();

    private final HikariDataSource primary;
    private final HikariDataSource replica;
    private final long maxLagNanos;
    private final Cache<String, Boolean> writers;
    private final ScheduledExecutorService checker;
    private final ArrayDeque<long[]> primaryPositions = new ArrayDeque<>();
    private Counter primaryConnections;
    private Counter replicaConnections;

    private volatile boolean usable;
    private volatile String state = "not checked yet";
    private volatile double lagSeconds = Double.NaN;

    private ReadRouting() {
        primary = null;
        replica = null;
        maxLagNanos = 0;
        writers = null;
        checker = null;
    }

    ReadRouting(HikariDataSource primary, HikariDataSource replica, Duration maxLag, Duration readYourWrites, Duration checkInterval,
                MeterRegistry meters) {
        this.primary = primary;
        this.replica = replica;
        this.maxLagNanos = maxLag.toNanos();
        this.writers = Caffeine.newBuilder().expireAfterWrite(readYourWrites).maximumSize(100_000).build();
        if (meters != null) {
            primaryConnections = Counter.builder("landatlas.db.routed.connections").tag("node", "primary")
                    .description("Connections taken for routed reads, by node").register(meters);
            replicaConnections = Counter.builder("landatlas.db.routed.connections").tag("node", "replica")
                    .description("Connections taken for routed reads, by node").register(meters);
            Gauge.builder("landatlas.db.replica.lag", this, r -> r.lagSeconds).baseUnit("seconds")
                    .description("How far the replica's replay is behind the primary (NaN while unreachable)").register(meters);
            Gauge.builder("landatlas.db.replica.usable", this, r -> r.usable ? 1 : 0)
                    .description("1 while reads go to the replica, 0 while it is bypassed").register(meters);
        }
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replica-check");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleWithFixedDelay(this::check, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No replica: everything on the one pool. */
    static ReadRouting off() {
        return OFF;
    }

    public boolean enabled() {
        return replica != null;
    }

    /** Whether a read of this caller would go to the replica now. */
    public boolean useReplicaFor(String caller) {
        return replica != null && usable && (caller == null || writers.getIfPresent(caller) == null);
    }

    /** Runs {@code work} with its statements on the replica when it is usable and the caller wrote nothing recently. */
    public <T> T read(String caller, Supplier<T> work) {
        if (!useReplicaFor(caller)) {
            return work.get();
        }
        Target before = ROUTE.get();
        ROUTE.set(Target.REPLICA);
        try {
            return work.get();
        } finally {
            if (before == null) {
                ROUTE.remove();
            } else {
                ROUTE.set(before);
            }
        }
    }

    /** Whether this caller's reads are in their read-your-writes window. */
    public boolean recentlyWrote(String caller) {
        return writers != null && writers.getIfPresent(caller) != null;
    }

    /** This caller wrote: its reads go to the primary for the read-your-writes window. */
    public void wrote(String caller) {
        if (replica != null && caller != null) {
            writers.put(caller, Boolean.TRUE);
        }
    }

    /** The caller of the current request: the signed-in name, or the client address for the public. */
    public static String caller(String remoteAddress) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken)) {
            return "user:" + a.getName();
        }
        return "address:" + remoteAddress;
    }

    /** The caller of the current HTTP request (outside GraphQL, e.g. tiles). */
    public static String caller() {
        return caller(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? s.getRequest().getRemoteAddr() : "unknown");
    }

    /** The replica's state for health and logs: "in use", or why it is bypassed. */
    public String state() {
        return state;
    }

    public double lagSeconds() {
        return lagSeconds;
    }

    /** The DataSource of the application when a replica is configured. */
    DataSource dataSource() {
        return new Routed();
    }

    /** Checks the replica once now (tests; the background check calls it too). */
    synchronized void check() {
        try {
            long now = System.nanoTime();
            Long primaryLsn = null;
            try (Connection c = primary.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
                r.next();
                primaryLsn = lsn(r.getString(1));
            } catch (SQLException e) {
                // The primary's own trouble is not the replica's: keep the last verdict, measure again next time.
                log.debug("replica check: primary unreachable ({})", e.getSQLState());
            }
            boolean inRecovery;
            long replayed;
            try (Connection c = replica.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT pg_is_in_recovery(), coalesce(pg_last_wal_replay_lsn(), '0/0')::text")) {
                r.next();
                inRecovery = r.getBoolean(1);
                replayed = lsn(r.getString(2));
            }
            if (primaryLsn != null && (primaryPositions.isEmpty() || primaryPositions.peekLast()[1] != primaryLsn)) {
                primaryPositions.addLast(new long[] {now, primaryLsn});
                if (primaryPositions.size() > 100_000) {
                    primaryPositions.removeFirst();
                }
            }
            // Positions the replica has replayed are no longer lag.
            while (!primaryPositions.isEmpty() && Long.compareUnsigned(primaryPositions.peekFirst()[1], replayed) <= 0) {
                primaryPositions.removeFirst();
            }
            long lag = primaryPositions.isEmpty() ? 0 : now - primaryPositions.peekFirst()[0];
            lagSeconds = lag / 1e9;
            if (!inRecovery) {
                verdict(false, "bypassed: not in recovery (promoted or not a standby)");
            } else if (lag > maxLagNanos) {
                verdict(false, String.format("bypassed: %.1f s behind the primary, more than %.1f s", lag / 1e9, maxLagNanos / 1e9));
            } else {
                verdict(true, "in use");
            }
        } catch (SQLException | RuntimeException e) {
            lagSeconds = Double.NaN;
            verdict(false, "bypassed: unreachable (" + (e instanceof SQLException s && s.getSQLState() != null ? "SQLSTATE " + s.getSQLState() : e.getClass().getSimpleName()) + ")");
        }
    }

    private void verdict(boolean use, String why) {
        if (use != usable) {
            log.info("read replica {}", why);
        }
        state = why;
        usable = use;
    }

    /** A pg_lsn's text (X/Y, hexadecimal halves) as one unsigned 64-bit number. */
    static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseUnsignedLong(text.substring(0, slash), 16) << 32) | Long.parseUnsignedLong(text.substring(slash + 1), 16);
    }

    @Override
    public void destroy() {
        if (checker != null) {
            checker.shutdownNow();
            replica.close();
            primary.close();
        }
    }

    /**
     * The primary pool, except for a connection asked for under a replica decision: then the replica's pool, and the
     * primary's if the replica fails to give one (it went down between two checks; it is bypassed from then on).
     */
    private final class Routed extends DelegatingDataSource {

        Routed() {
            super(primary);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (ROUTE.get() == Target.REPLICA && usable) {
                try {
                    Connection c = replica.getConnection();
                    if (replicaConnections != null) {
                        replicaConnections.increment();
                    }
                    return c;
                } catch (SQLException e) {
                    lagSeconds = Double.NaN;
                    verdict(false, "bypassed: unreachable (SQLSTATE " + e.getSQLState() + ")");
                }
            }
            if (primaryConnections != null && ROUTE.get() != null) {
                primaryConnections.increment();
            }
            return primary.getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return primary.getLogWriter();
        }
    }
}
