package org.landatlas.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The database part of {@code /actuator/health}: Spring Boot's own {@link DataSourceHealthIndicator} run every
 * {@code interval} on a thread of its own, and its last result served to callers. A check that has not finished
 * for longer than the interval and twice the timeout (a connection wait, then a hung query) counts as DOWN, so
 * health never reports a stale UP.
 * <p>
 * The check holds one connection of its own ({@link SingleConnectionDataSource}) and, after a failure, opens a fresh
 * one at the next check. Not a Hikari pool: Hikari retries a lost server with a backoff that grows to 5 s, so
 * health said UP 2.8-4.1 s after PostgreSQL was back (bench/RESULTS.md, fault run); this says it within one
 * interval. The pgjdbc timeouts bound every step: connecting, a hung socket, a slow statement.
 */
public final class DatabaseHealthMonitor implements HealthIndicator, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealthMonitor.class);

    private record Check(Health health, Instant at) {
    }

    private final SingleConnectionDataSource connection;
    private final DataSourceHealthIndicator indicator;
    private final Duration staleAfter;
    private final ScheduledExecutorService checker;
    private volatile Check last;

    DatabaseHealthMonitor(String url, String username, String password, Duration interval, Duration timeout) {
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        Properties pg = new Properties();
        pg.setProperty("connectTimeout", Long.toString(seconds));
        pg.setProperty("loginTimeout", Long.toString(seconds));
        // A server that stops answering on an open socket (a network cut) would hold the check forever.
        pg.setProperty("socketTimeout", Long.toString(seconds));
        pg.setProperty("options", "-c statement_timeout=" + timeout.toMillis());
        pg.setProperty("ApplicationName", "landatlas-health");
        this.connection = new SingleConnectionDataSource(url, username, password, true);
        this.connection.setConnectionProperties(pg);
        this.indicator = new DataSourceHealthIndicator(connection, "SELECT 1");
        this.staleAfter = interval.plus(timeout).plus(timeout);
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "landatlas-health-check");
            t.setDaemon(true);
            return t;
        });
        this.last = new Check(indicator.health(), Instant.now());
        checker.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        Health h;
        try {
            h = indicator.health();
        } catch (RuntimeException e) {
            h = Health.down(e).build();
        }
        if (!Status.UP.equals(h.getStatus())) {
            // The held connection may be the broken part: the next check connects afresh.
            connection.resetConnection();
        }
        Check previous = last;
        last = new Check(h, Instant.now());
        if (!h.getStatus().equals(previous.health().getStatus())) {
            // One line per change: Spring Boot's indicator would log a stack trace at every failed check.
            if (Status.UP.equals(h.getStatus())) {
                log.info("database health {} again", h.getStatus());
            } else {
                log.warn("database health {}: {}", h.getStatus(), h.getDetails().getOrDefault("error", ""));
            }
        }
    }

    @Override
    public Health health() {
        Check c = last;
        long ageMs = Duration.between(c.at(), Instant.now()).toMillis();
        if (ageMs > staleAfter.toMillis()) {
            return Health.down().withDetail("reason", "no answer from the database check for " + ageMs + " ms").withDetail("checkedAgoMs", ageMs).build();
        }
        return Health.status(c.health().getStatus()).withDetails(c.health().getDetails()).withDetail("checkedAgoMs", ageMs).build();
    }

    @Override
    public void close() {
        checker.shutdownNow();
        connection.destroy();
    }
}
